"""What the public-tier hardening tests share: the links of a page, its quick exit, publishing a
changed page."""

from html.parser import HTMLParser


class Anchors(HTMLParser):
    """Every <a> of a page with its attributes."""

    def __init__(self):
        super().__init__()
        self.anchors = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.anchors.append(dict(attrs))


def anchors(response):
    parser = Anchors()
    parser.feed(response.content.decode())
    return parser.anchors


def quick_exit_href(response):
    [link] = [a for a in anchors(response) if "data-quick-exit" in a]
    return link["href"]


def publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
