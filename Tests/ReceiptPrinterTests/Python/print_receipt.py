"""Prints a kiosk-style receipt with python-escpos (an independent ESC/POS encoder) into a file.

OneTrip's test suite runs this in a throwaway virtual environment and feeds the bytes to its
receipt-printer simulator, which must read them back as the expected text. Chinese text goes
through python-escpos' own encoding path (MagicEncode: GB18030 for text with hanzi).

Usage: python print_receipt.py OUTPUT_FILE [PROFILE]   (an escpos-printer-db profile, default "default")
"""
import sys

from escpos.constants import QR_ECLEVEL_M
from escpos.printer import Dummy

printer = Dummy(profile=sys.argv[2] if len(sys.argv) > 2 else "default")
printer.hw("INIT")
printer.set(align="center", bold=True, double_height=True, double_width=True)
printer.textln("缴费凭条")
printer.set_with_default(align="center")
printer.textln("PAYMENT RECEIPT")
printer.set_with_default()
printer.textln("交易号 HS-0001-000042T")
printer.textln("罚款 ￥200.00")
printer.set(align="right")
printer.textln("合计 ￥350.00")
printer.set_with_default(underline=1)
printer.textln("Underlined")
printer.set_with_default(font="b")
printer.textln("Font B line")
printer.set_with_default()
printer.line_spacing(40)
printer.textln("Spaced line")
printer.line_spacing()
printer.qr("https://onetrip.example/t/HS-0001-000042T", native=True, size=4, ec=QR_ECLEVEL_M)
printer.barcode("{BHS0001", "CODE128", function_type="B")
printer.set_with_default()
printer.qr("HS-0001-000042T", native=False, size=3)
printer.qr("raster", native=False, size=3, image_arguments={"impl": "graphics"})
printer.qr("column", native=False, size=3, image_arguments={"impl": "bitImageColumn"})
printer.ln(2)
printer.cut()

with open(sys.argv[1], "wb") as output:
    output.write(printer.output)
