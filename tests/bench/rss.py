#!/usr/bin/env python3
"""Write an RSS 2.0 feed of every article in a generated collection, for
newsboat to read in `make bench` (same N items, same text).

usage: rss.py DIR OUT.xml
"""
import os
import sys
from xml.sax.saxutils import escape


def split(text):
    """(title, body) of an article file: front matter title or first line."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end > 0:
            title = ""
            for line in text[4:end].splitlines():
                if line.startswith("title:"):
                    title = line[6:].strip().strip('"')
            return title, text[end + 5:]
    first, _, rest = text.partition("\n")
    return first.strip(), rest


def main():
    root, out = sys.argv[1], sys.argv[2]
    with open(out, "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
                "<title>Bench feed</title><link>file://%s</link>"
                "<description>generated</description>\n" % escape(root))
        for d in sorted(os.listdir(root)):
            for name in sorted(os.listdir(os.path.join(root, d))):
                if not name.endswith(".md"):
                    continue
                path = os.path.join(root, d, name)
                with open(path) as a:
                    title, body = split(a.read())
                sidecar = path[:-3] + ".yaml"
                if os.path.exists(sidecar):
                    with open(sidecar) as s:
                        title, _ = split("---\n" + s.read() + "---\n")
                f.write("<item><title>%s</title><link>file://%s</link><guid>%s</guid>"
                        "<description>%s</description></item>\n"
                        % (escape(title), escape(path), escape(path), escape(body)))
        f.write("</channel></rss>\n")


if __name__ == "__main__":
    main()
