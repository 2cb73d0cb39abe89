// Loaded at the top of <body>, before anything is drawn, so GOV.UK Frontend's CSS knows that
// JavaScript runs (js-enabled) and that the browser can run its ES modules
// (govuk-frontend-supported). The same line GOV.UK Frontend 6's page template has inline.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
