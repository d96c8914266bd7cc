#!/usr/bin/env python3
"""Renders the same proof content as OneTrip's ProofRenderer with ReportLab, for the
proof-render benchmark (onetrip-bench proof-render). Reads the content as JSON (written by the
benchmark), renders it N times into memory, and prints the median time per document as JSON.

Layout mirrors Sources/CertificatePrinter/Rendering: A4, 20 mm margins, title block on page 1,
running header on later pages, table rows of 15.5 pt with the header repeated on every page,
and a footer on every page with the QR code (ReportLab's own QR encoder), the verification
code, "page N of M", issue time, kiosk and transaction numbers. The font is WenQuanYi Micro Hei
(TrueType, embedded as a subset): ReportLab cannot embed the CFF-based Noto CJK fonts.
"""
import io
import json
import statistics
import sys
import time

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT = "WQY"
pdfmetrics.registerFont(TTFont(FONT, "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", subfontIndex=0))

W, H = A4
MARGIN, TOP, BOTTOM = 56.69, 42.52, 34.0
CW = W - 2 * MARGIN
FOOTER, QR, ROW, THEAD = 96.0, 79.4, 15.5, 26.0
BODY_BOTTOM = H - BOTTOM - FOOTER - 8
FIRST_TOP, CONT_TOP = TOP + 96, TOP + 34


def text(c, s, size, x, y, width, align="left"):
    """Draws s with its top at y (ReportLab's y grows upwards: convert)."""
    c.setFont(FONT, size)
    baseline = H - y - size
    if align == "center":
        c.drawCentredString(x + width / 2, baseline, s)
    elif align == "right":
        c.drawRightString(x + width, baseline, s)
    else:
        c.drawString(x, baseline, s)


def wrap(s, size, width):
    lines, line = [], ""
    for ch in s:
        if pdfmetrics.stringWidth(line + ch, FONT, size) > width and line:
            lines.append(line)
            line = ch
        else:
            line += ch
    return lines + ([line] if line else [])


def render(doc):
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, pageCompression=1)
    c.setTitle(doc["title_zh"])
    cols = doc["columns"]
    total = sum(col["weight"] for col in cols)
    frames, x = [], MARGIN
    for col in cols:
        w = CW * col["weight"] / total
        frames.append((x + 3, w - 6, col["align"]))
        x += w
    # blocks: (kind, payload, height)
    blocks = [("citizen", None, 36)]
    for p in doc["statement"]:
        zh, en = wrap(p[0], 10, CW), wrap(p[1], 8.5, CW)
        blocks.append(("para", (zh, en), len(zh) * 14 + len(en) * 12 + 6))
    fields = doc["fields"]
    for i in range(0, len(fields), 2):
        blocks.append(("fields", fields[i:i + 2], 15))
    blocks.append(("gap", None, 6))
    blocks += [("row", r, ROW) for r in doc["rows"]]
    if doc["totals"]:
        blocks.append(("totals", doc["totals"], ROW + 2))
    blocks.append(("gap", None, 10))
    for p in doc["closing"]:
        zh, en = wrap(p[0], 10, CW), wrap(p[1], 8.5, CW)
        blocks.append(("para", (zh, en), len(zh) * 14 + len(en) * 12 + 6))
    blocks.append(("issuer", None, 52))
    # paginate (same rules as ProofPaginator)
    pages, y, header = [[]], FIRST_TOP, False
    for b in blocks:
        is_row = b[0] in ("row", "totals")
        need = b[2] + (THEAD if is_row and not header else 0)
        if y + need > BODY_BOTTOM and pages[-1]:
            pages.append([])
            y, header = CONT_TOP, False
        if is_row and not header:
            pages[-1].append(("thead", None, y))
            y += THEAD
            header = True
        pages[-1].append((b[0], b[1], y))
        y += b[2]
    qr = QrCodeWidget(doc["payload"], barLevel="M")
    b = qr.getBounds()
    qr_drawing = Drawing(QR, QR, transform=[QR / (b[2] - b[0]), 0, 0, QR / (b[3] - b[1]), 0, 0])
    qr_drawing.add(qr)
    for n, page in enumerate(pages, 1):
        if n == 1:
            text(c, doc["office"], 11, MARGIN, TOP, CW, "center")
            text(c, doc["title_zh"], 20, MARGIN, TOP + 16, CW, "center")
            text(c, doc["title_en"], 11, MARGIN, TOP + 44, CW, "center")
            text(c, "证明编号 No. " + doc["document_id"], 8, MARGIN, TOP + 66, CW, "right")
            c.line(MARGIN, H - FIRST_TOP + 8, MARGIN + CW, H - FIRST_TOP + 8)
        else:
            text(c, doc["title_zh"] + "（续） " + doc["title_en"] + " (continued)", 9, MARGIN, TOP, CW)
            text(c, "证明编号 No. " + doc["document_id"], 8, MARGIN, TOP + 13, CW, "right")
            c.line(MARGIN, H - CONT_TOP + 10, MARGIN + CW, H - CONT_TOP + 10)
        for kind, data, y in page:
            if kind == "thead":
                c.setFillGray(0.9)
                c.rect(MARGIN, H - y - THEAD + 2, CW, THEAD - 2, stroke=0, fill=1)
                c.setFillGray(0)
                for col, (fx, fw, al) in zip(cols, frames):
                    text(c, col["zh"], 8.5, fx, y + 2, fw, al)
                    text(c, col["en"], 7, fx, y + 13, fw, al)
            elif kind in ("row", "totals"):
                for cell, (fx, fw, al) in zip(data, frames):
                    if cell:
                        text(c, cell, 8.5, fx, y + 2, fw, al)
                c.setStrokeGray(0.6)
                c.setLineWidth(0.3)
                c.line(MARGIN, H - y - ROW, MARGIN + CW, H - y - ROW)
                c.setStrokeGray(0)
            elif kind == "citizen":
                text(c, doc["citizen"][0], 10, MARGIN, y, CW)
                text(c, doc["citizen"][1], 10, MARGIN, y + 16, CW)
            elif kind == "para":
                yy = y
                for line in data[0]:
                    text(c, line, 10, MARGIN, yy, CW)
                    yy += 14
                for line in data[1]:
                    text(c, line, 8.5, MARGIN, yy, CW)
                    yy += 12
            elif kind == "fields":
                for i, f in enumerate(data):
                    text(c, f, 8.5, MARGIN + i * CW / 2, y + 2, CW / 2 - 8)
            elif kind == "issuer":
                for i, line in enumerate(doc["issuer"]):
                    text(c, line, 10 if i < 2 else 8, MARGIN + CW - 240, y + 4 + i * 15, 240, "right")
        top = H - BOTTOM - FOOTER
        c.line(MARGIN, H - top, MARGIN + CW, H - top)
        renderPDF.draw(qr_drawing, c, MARGIN, H - top - 8 - QR)
        text(c, "核验码 Verification code", 8, MARGIN + QR + 10, top + 8, 170)
        text(c, doc["code"], 15, MARGIN + QR + 10, top + 20, 170)
        right = MARGIN + CW - 200
        text(c, f"第 {n} 页 / 共 {len(pages)} 页   Page {n} of {len(pages)}", 8, right, top + 8, 200, "right")
        for i, line in enumerate(doc["footer"]):
            text(c, line, 8, right, top + 22 + i * 11, 200, "right")
        c.showPage()
    c.save()
    return buf.getvalue(), len(pages)


def main():
    doc = json.load(open(sys.argv[1], encoding="utf-8"))
    runs = int(sys.argv[2])
    render(doc)  # warm-up: font parsing, imports
    times, pages, size = [], 0, 0
    for _ in range(runs):
        start = time.perf_counter()
        pdf, pages = render(doc)
        times.append(time.perf_counter() - start)
        size = len(pdf)
    if len(sys.argv) > 3:
        open(sys.argv[3], "wb").write(pdf)
    print(json.dumps({"median_seconds": statistics.median(times), "pages": pages, "bytes": size}))


if __name__ == "__main__":
    main()
