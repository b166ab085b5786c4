#!/bin/sh
# Regenerates the LibreOffice fixtures from users.fods (a flat ODF
# spreadsheet written by hand: number, date, text and formula cells with
# cached values, a vertical merge F2:F3, a horizontal merge G5:H5, a blank
# row 4 and a hidden second sheet 旧名单).
#
# Made with LibreOffice 7.4.7.2 (Debian bookworm package
# libreoffice-calc-nogui):
#   users-libreoffice.xlsx      "Calc MS Excel 2007 XML" filter
#   users-libreoffice.xls       "MS Excel 97" filter (an old .xls, rejected)
#   users-libreoffice.ods       "calc8" filter (an .ods, rejected)
#   users-libreoffice-gbk.csv   CSV filter, comma, double quote, charset 85
#                               (RTL_TEXTENCODING_GBK), what LibreOffice
#                               writes when "Chinese simplified (GBK)" is
#                               picked in the export dialog
#
# Run from this directory: sh libreoffice.sh
set -eu
out=$(mktemp -d)
profile=$(mktemp -d)
lo() {
	soffice --headless --norestore "-env:UserInstallation=file://$profile" \
		--convert-to "$1" --outdir "$out" users.fods
}
lo 'xlsx:Calc MS Excel 2007 XML'
lo 'xls:MS Excel 97'
lo 'ods:calc8'
lo 'csv:Text - txt - csv (StarCalc):44,34,85,1'
cp "$out/users.xlsx" ../users-libreoffice.xlsx
cp "$out/users.xls" ../users-libreoffice.xls
cp "$out/users.ods" ../users-libreoffice.ods
cp "$out/users.csv" ../users-libreoffice-gbk.csv
rm -rf "$out" "$profile"
