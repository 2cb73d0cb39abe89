"""Reading the PDFs the toolkit makes, for the tests that check them."""


def figure_alt_texts(node):
    """The /Alt of every Figure in a PDF structure tree."""
    node = node.get_object()
    found = [str(node["/Alt"])] if node.get("/S") == "/Figure" else []
    kids = node.get("/K", [])
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object()
        if hasattr(kid, "get"):
            found += figure_alt_texts(kid)
    return found
