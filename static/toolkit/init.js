// Starts GOV.UK Frontend's components (error summary focus, character count, radios, service
// navigation menu...). Everything works without it; this only adds to the pages.
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
