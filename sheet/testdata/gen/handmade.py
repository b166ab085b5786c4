#!/usr/bin/env python3
"""Writes the fixtures of programs that are not available here, byte for
byte as those programs write them (from files they saved, trimmed to what
matters), plus the CSV variants. Run from this directory:

    python3 handmade.py

Every workbook holds the same table as users.fods (see README.md); only the
way it is stored differs:

  users-excel.xlsx       Microsoft Excel 365 (zh-CN): shared strings with
                         phoneticPr (Chinese Excel adds it to every string), a
                         rich-text run, numbers as <v>13800138000</v> without
                         t, the date as serial 45293 with numFmtId 14, the text
                         column with numFmtId 49 (@), formulas
                         <f>1+1</f><v>2</v> and t="str" for a text result,
                         mc:Ignorable x14ac/xr namespaces, an empty <row r="4">
                         element (the row had a height set), covered merge
                         cells with the merge's style, <mergeCells> after
                         <sheetData>, state="hidden" on the second sheet.
  users-wps.xlsx         WPS Office 2019/11.1 (zh-CN): the etc namespace,
                         every shared string with xml:space="preserve", a
                         custom date format id 176 "yyyy/m/d;@", explicit t="n"
                         on numbers, a blank row left out of <sheetData>,
                         docProps/custom.xml with KSOProductBuildVer.
  users-openxmlsdk.xlsx  Files exported by .NET systems with the Open XML
                         SDK: every element with the x: prefix, inline strings
                         (t="inlineStr"), absolute relationship targets
                         (/xl/worksheets/...), random relationship ids, no
                         <dimension>, no shared strings part.
  users-scientific.xlsx  Apache POI's streaming writer (SXSSF), which
                         EasyExcel and most Java HR systems export with:
                         numbers formatted by Java's Double.toString, so the
                         mobile is <v>1.3800138E10</v>, the date serial
                         <v>45293.0</v> and the employee type <v>1.0</v>;
                         t="n" on numbers, inline strings, formula results
                         cached as <v>2.0</v>, rows without spans.

CSV variants (the CSV table, see csv_rows below):

  users-utf8.csv         UTF-8 without BOM, LF, the blank row an empty line
                         (a hand-edited or script-written file).
  users-utf8-bom.csv     Excel "CSV UTF-8 (逗号分隔)": BOM, CRLF, the blank
                         row as ",,,,,,,".
  users-gbk.csv          Chinese Excel/WPS "CSV (逗号分隔)": GBK bytes, CRLF,
                         blank row ",,,,,,,".
  users-semicolon.csv    Excel "CSV UTF-8" in a locale with a decimal comma:
                         BOM, ';' delimiter, CRLF.
  users-utf16.txt        Excel "Unicode 文本": UTF-16LE with BOM,
                         tab-separated, CRLF.
"""

import io
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)

# A fixed timestamp keeps re-runs byte-identical.
STAMP = (2024, 1, 2, 0, 0, 0)

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


def write_zip(name, parts):
    path = os.path.join(OUT, name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for part, data in parts:
            info = zipfile.ZipInfo(part, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---------------------------------------------------------------- workbook
# The table, cell by cell: (ref, kind, value[, cached]). kinds: s string,
# n number, d date serial, f numeric formula, fs string formula, r rich text.
USERS = [
    (1, [("A1", "s", "用户ID"), ("B1", "s", "姓名"), ("C1", "s", "手机号"), ("D1", "s", "工号"),
         ("E1", "s", "入职日期"), ("F1", "s", "所属部门ID"), ("G1", "s", "人员类型"), ("H1", "s", "备注")]),
    (2, [("A2", "s", "u001"), ("B2", "s", "张三"), ("C2", "n", "13800138000"), ("D2", "t", "000123"),
         ("E2", "d", "45293"), ("F2", "m", "D100"), ("G2", "s", "正式"), ("H2", "f", "1+1", "2")]),
    (3, [("A3", "s", "u002"), ("B3", "s", "  李四\u3000"), ("C3", "n", "13900139000"), ("D3", "t", "000124"),
         ("E3", "s", "2024/1/2"), ("F3", "covered", ""), ("G3", "n", "1"), ("H3", "fs", "A2", "u001")]),
    (5, [("A5", "s", "u003"), ("B5", "r", ["王", "五"]), ("C5", "n", "13700137000"), ("D5", "t", "000125"),
         ("E5", "s", "2024-01-02"), ("F5", "s", "D200"), ("G5", "m", "实习"), ("H5", "covered", "")]),
]
HIDDEN = [
    (1, [("A1", "s", "用户ID"), ("B1", "s", "姓名"), ("C1", "s", "手机号"), ("D1", "s", "所属部门ID"), ("E1", "s", "人员类型")]),
    (2, [("A2", "s", "u900"), ("B2", "s", "赵六"), ("C2", "n", "13600136000"), ("D2", "s", "D100"), ("E2", "s", "正式")]),
]
MERGES = ["F2:F3", "G5:H5"]


class SST:
    def __init__(self):
        self.items, self.index, self.count = [], {}, 0

    def add(self, key, xml):
        self.count += 1
        if key not in self.index:
            self.index[key] = len(self.items)
            self.items.append(xml)
        return self.index[key]


# ------------------------------------------------------------------ Excel

def excel_parts():
    """Microsoft Excel 365, Chinese UI."""
    sst = SST()
    phon = '<phoneticPr fontId="1" type="noConversion"/>'

    def cell(c):
        ref, kind, val = c[0], c[1], c[2]
        if kind in ("s", "t", "m"):
            space = ' xml:space="preserve"' if val != val.strip(" \u3000") else ""
            i = sst.add(val, "<si><t%s>%s</t>%s</si>" % (space, esc(val), phon))
            style = {"s": "", "t": ' s="2"', "m": ' s="3"'}[kind]
            return '<c r="%s"%s t="s"><v>%d</v></c>' % (ref, style, i)
        if kind == "r":
            runs = "<r><t>%s</t></r><r><rPr><b/><sz val=\"11\"/><color theme=\"1\"/><rFont val=\"等线\"/><family val=\"3\"/><charset val=\"134\"/><scheme val=\"minor\"/></rPr><t>%s</t></r>" % tuple(val)
            i = sst.add("".join(val), "<si>%s%s</si>" % (runs, phon))
            return '<c r="%s" t="s"><v>%d</v></c>' % (ref, i)
        if kind == "n":
            return '<c r="%s"><v>%s</v></c>' % (ref, val)
        if kind == "d":
            return '<c r="%s" s="1"><v>%s</v></c>' % (ref, val)
        if kind == "f":
            return '<c r="%s"><f>%s</f><v>%s</v></c>' % (ref, val, c[3])
        if kind == "fs":
            return '<c r="%s" t="str"><f>%s</f><v>%s</v></c>' % (ref, val, c[3])
        if kind == "covered":
            return '<c r="%s" s="3"/>' % ref
        raise ValueError(kind)

    def sheet(rows, merges, dim, selected, empty_rows=()):
        out = []
        for r, cells in rows:
            while empty_rows and empty_rows[0] < r:
                out.append('<row r="%d" spans="1:8" ht="20.25" customHeight="1" x14ac:dyDescent="0.3"/>' % empty_rows[0])
                empty_rows = empty_rows[1:]
            out.append('<row r="%d" spans="1:%d" x14ac:dyDescent="0.3">%s</row>' % (r, len(rows[0][1]), "".join(cell(c) for c in cells)))
        mc = ""
        if merges:
            mc = '<mergeCells count="%d">%s</mergeCells>' % (len(merges), "".join('<mergeCell ref="%s"/>' % m for m in merges))
        return (DECL + '<worksheet xmlns="%s" xmlns:r="%s" xmlns:mc="%s" mc:Ignorable="x14ac xr xr2 xr3" '
                'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" '
                'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" '
                'xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2" '
                'xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" '
                'xr:uid="{6C1F6E1A-2F0B-4F6B-9A43-0E2B8D1C%04d}">'
                '<dimension ref="%s"/><sheetViews><sheetView %sworkbookViewId="0"><selection activeCell="A1" sqref="A1"/></sheetView></sheetViews>'
                '<sheetFormatPr defaultRowHeight="14" x14ac:dyDescent="0.3"/>'
                '<cols><col min="3" max="3" width="13.58203125" bestFit="1" customWidth="1"/><col min="5" max="5" width="11.08203125" bestFit="1" customWidth="1"/></cols>'
                '<sheetData>%s</sheetData>%s<phoneticPr fontId="1" type="noConversion"/>'
                '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
                % (NS_MAIN, NS_R, NS_MC, len(rows), dim, 'tabSelected="1" ' if selected else "", "".join(out), mc))

    s1 = sheet(USERS, MERGES, "A1:H5", True, empty_rows=(4,))
    s2 = sheet(HIDDEN, [], "A1:E2", False)
    sst_xml = (DECL + '<sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>' % (NS_MAIN, sst.count, len(sst.items), "".join(sst.items)))
    workbook = (DECL + '<workbook xmlns="%s" xmlns:r="%s" xmlns:mc="%s" mc:Ignorable="x15 xr xr6 xr10 xr2" '
                'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" '
                'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" '
                'xmlns:xr6="http://schemas.microsoft.com/office/spreadsheetml/2016/revision6" '
                'xmlns:xr10="http://schemas.microsoft.com/office/spreadsheetml/2016/revision10" '
                'xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2">'
                '<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27425"/>'
                '<workbookPr filterPrivacy="1" defaultThemeVersion="166925"/>'
                '<mc:AlternateContent xmlns:mc="%s"><mc:Choice Requires="x15"><x15ac:absPath url="C:\\Users\\hr\\Desktop\\" xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"/></mc:Choice></mc:AlternateContent>'
                '<xr:revisionPtr revIDLastSave="0" documentId="8_{5E0B2C9D-4B1E-4E4B-8E2F-6F1B7A0C3D21}" xr6:coauthVersionLast="47" xr6:coauthVersionMax="47" xr10:uidLastSave="{00000000-0000-0000-0000-000000000000}"/>'
                '<bookViews><workbookView xWindow="-110" yWindow="-110" windowWidth="19420" windowHeight="10300" xr2:uid="{9B3A2C1D-0E4F-4A5B-8C6D-7E8F9A0B1C2D}"/></bookViews>'
                '<sheets><sheet name="成员" sheetId="1" r:id="rId1"/><sheet name="旧名单" sheetId="2" state="hidden" r:id="rId2"/></sheets>'
                '<calcPr calcId="191029"/></workbook>' % (NS_MAIN, NS_R, NS_MC, NS_MC))
    styles = (DECL + '<styleSheet xmlns="%s" xmlns:mc="%s" mc:Ignorable="x14ac x16r2 xr" '
              'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" '
              'xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main" '
              'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision">'
              '<fonts count="2" x14ac:knownFonts="1"><font><sz val="11"/><color theme="1"/><name val="等线"/><family val="2"/><charset val="134"/><scheme val="minor"/></font>'
              '<font><sz val="9"/><name val="等线"/><family val="3"/><charset val="134"/><scheme val="minor"/></font></fonts>'
              '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
              '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"><alignment vertical="center"/></xf></cellStyleXfs>'
              '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"><alignment vertical="center"/></xf>'
              '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment vertical="center"/></xf>'
              '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment vertical="center"/></xf>'
              '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf></cellXfs>'
              '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>'
              '</styleSheet>' % (NS_MAIN, NS_MC))
    ct = (DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
          '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
          '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>')
    rels = (DECL + '<Relationships xmlns="%s"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>' % NS_PKG_REL)
    wbrels = (DECL + '<Relationships xmlns="%s">'
              '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
              '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
              '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>' % NS_PKG_REL)
    app = (DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           '<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>'
           '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>工作表</vt:lpstr></vt:variant><vt:variant><vt:i4>2</vt:i4></vt:variant></vt:vector></HeadingPairs>'
           '<TitlesOfParts><vt:vector size="2" baseType="lpstr"><vt:lpstr>成员</vt:lpstr><vt:lpstr>旧名单</vt:lpstr></vt:vector></TitlesOfParts>'
           '<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>')
    core = (DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<dc:creator>HR</dc:creator><cp:lastModifiedBy>HR</cp:lastModifiedBy>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-02T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2024-01-02T00:00:00Z</dcterms:modified></cp:coreProperties>')
    return [("[Content_Types].xml", ct), ("_rels/.rels", rels), ("docProps/app.xml", app), ("docProps/core.xml", core),
            ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", wbrels), ("xl/worksheets/sheet1.xml", s1),
            ("xl/worksheets/sheet2.xml", s2), ("xl/styles.xml", styles), ("xl/sharedStrings.xml", sst_xml)]


# -------------------------------------------------------------------- WPS

def wps_parts():
    sst = SST()

    def cell(c):
        ref, kind, val = c[0], c[1], c[2]
        if kind in ("s", "t", "m", "r"):
            if kind == "r":
                val = "".join(val)
            i = sst.add(val, '<si><t xml:space="preserve">%s</t></si>' % esc(val))
            style = {"s": "", "t": ' s="2"', "m": ' s="3"', "r": ""}[kind]
            return '<c r="%s"%s t="s"><v>%d</v></c>' % (ref, style, i)
        if kind == "n":
            return '<c r="%s" t="n"><v>%s</v></c>' % (ref, val)
        if kind == "d":
            return '<c r="%s" s="1" t="n"><v>%s</v></c>' % (ref, val)
        if kind == "f":
            return '<c r="%s"><f>%s</f><v>%s</v></c>' % (ref, val, c[3])
        if kind == "fs":
            return '<c r="%s" t="str"><f>%s</f><v>%s</v></c>' % (ref, val, c[3])
        if kind == "covered":
            return '<c r="%s" s="3"/>' % ref
        raise ValueError(kind)

    def sheet(rows, merges, dim, selected):
        data = "".join('<row r="%d" spans="1:%d">%s</row>' % (r, len(rows[0][1]), "".join(cell(c) for c in cells)) for r, cells in rows)
        mc = ""
        if merges:
            mc = '<mergeCells count="%d">%s</mergeCells>' % (len(merges), "".join('<mergeCell ref="%s"/>' % m for m in merges))
        return (DECL + '<worksheet xmlns="%s" xmlns:r="%s" xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
                'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" xmlns:mc="%s" '
                'xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData">'
                '<sheetPr/><dimension ref="%s"/><sheetViews><sheetView %sworkbookViewId="0"><selection activeCell="A1" sqref="A1"/></sheetView></sheetViews>'
                '<sheetFormatPr defaultColWidth="9" defaultRowHeight="13.5" outlineLevelCol="7"/>'
                '<cols><col min="3" max="3" width="12.625" customWidth="1"/><col min="5" max="5" width="10.375" customWidth="1"/></cols>'
                '<sheetData>%s</sheetData>%s'
                '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/><headerFooter/></worksheet>'
                % (NS_MAIN, NS_R, NS_MC, dim, 'tabSelected="1" ' if selected else "", data, mc))

    s1 = sheet(USERS, MERGES, "A1:H5", True)
    s2 = sheet(HIDDEN, [], "A1:E2", False)
    sst_xml = DECL + '<sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>' % (NS_MAIN, sst.count, len(sst.items), "".join(sst.items))
    workbook = (DECL + '<workbook xmlns="%s" xmlns:r="%s"><workbookPr/><bookViews><workbookView windowWidth="28800" windowHeight="12375"/></bookViews>'
                '<sheets><sheet name="成员" sheetId="1" r:id="rId1"/><sheet name="旧名单" sheetId="2" state="hidden" r:id="rId2"/></sheets>'
                '<calcPr calcId="144525"/></workbook>' % (NS_MAIN, NS_R))
    styles = (DECL + '<styleSheet xmlns="%s" xmlns:mc="%s" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac">'
              '<numFmts count="5"><numFmt numFmtId="176" formatCode="yyyy/m/d;@"/><numFmt numFmtId="44" formatCode="_ &quot;￥&quot;* #,##0.00_ ;_ &quot;￥&quot;* \\-#,##0.00_ ;_ &quot;￥&quot;* &quot;-&quot;??_ ;_ @_ "/>'
              '<numFmt numFmtId="42" formatCode="_ &quot;￥&quot;* #,##0_ ;_ &quot;￥&quot;* \\-#,##0_ ;_ &quot;￥&quot;* &quot;-&quot;_ ;_ @_ "/>'
              '<numFmt numFmtId="43" formatCode="_ * #,##0.00_ ;_ * \\-#,##0.00_ ;_ * &quot;-&quot;??_ ;_ @_ "/><numFmt numFmtId="41" formatCode="_ * #,##0_ ;_ * \\-#,##0_ ;_ * &quot;-&quot;_ ;_ @_ "/></numFmts>'
              '<fonts count="1"><font><sz val="11"/><color theme="1"/><name val="宋体"/><charset val="134"/><scheme val="minor"/></font></fonts>'
              '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
              '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"><alignment vertical="center"/></xf></cellStyleXfs>'
              '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"><alignment vertical="center"/></xf>'
              '<xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment vertical="center"/></xf>'
              '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment vertical="center"/></xf>'
              '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf></cellXfs>'
              '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>'
              '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>' % (NS_MAIN, NS_MC))
    ct = (DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
          '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
          '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
          '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>')
    rels = (DECL + '<Relationships xmlns="%s"><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>' % NS_PKG_REL)
    wbrels = (DECL + '<Relationships xmlns="%s"><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
              '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
              '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' % NS_PKG_REL)
    app = (DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           '<Application>WPS 表格</Application><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>工作表</vt:lpstr></vt:variant><vt:variant><vt:i4>2</vt:i4></vt:variant></vt:vector></HeadingPairs>'
           '<TitlesOfParts><vt:vector size="2" baseType="lpstr"><vt:lpstr>成员</vt:lpstr><vt:lpstr>旧名单</vt:lpstr></vt:vector></TitlesOfParts></Properties>')
    core = (DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-02T08:00:00Z</dcterms:created><dc:creator>HR</dc:creator><cp:lastModifiedBy>HR</cp:lastModifiedBy>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">2024-01-02T08:00:00Z</dcterms:modified></cp:coreProperties>')
    custom = (DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
              '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer"><vt:lpwstr>2052-11.1.0.14036</vt:lpwstr></property>'
              '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="ICV"><vt:lpwstr>3F1E2D4C5B6A4978A1B2C3D4E5F60718</vt:lpwstr></property></Properties>')
    return [("[Content_Types].xml", ct), ("_rels/.rels", rels), ("docProps/app.xml", app), ("docProps/core.xml", core),
            ("docProps/custom.xml", custom), ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", wbrels),
            ("xl/worksheets/sheet1.xml", s1), ("xl/worksheets/sheet2.xml", s2), ("xl/styles.xml", styles),
            ("xl/sharedStrings.xml", sst_xml)]


# ----------------------------------------------------------- Open XML SDK

def openxmlsdk_parts():
    def cell(c):
        ref, kind, val = c[0], c[1], c[2]
        if kind in ("s", "t", "m", "r"):
            if kind == "r":
                val = "".join(val)
            space = ' xml:space="preserve"' if val != val.strip(" \u3000") else ""
            style = {"t": ' s="2"', "m": ' s="3"'}.get(kind, "")
            return '<x:c r="%s"%s t="inlineStr"><x:is><x:t%s>%s</x:t></x:is></x:c>' % (ref, style, space, esc(val))
        if kind == "n":
            return '<x:c r="%s"><x:v>%s</x:v></x:c>' % (ref, val)
        if kind == "d":
            return '<x:c r="%s" s="1"><x:v>%s</x:v></x:c>' % (ref, val)
        if kind == "f":
            return '<x:c r="%s"><x:f>%s</x:f><x:v>%s</x:v></x:c>' % (ref, val, c[3])
        if kind == "fs":
            return '<x:c r="%s" t="str"><x:f>%s</x:f><x:v>%s</x:v></x:c>' % (ref, val, c[3])
        if kind == "covered":
            return ""
        raise ValueError(kind)

    def sheet(rows, merges):
        data = "".join('<x:row r="%d">%s</x:row>' % (r, "".join(cell(c) for c in cells)) for r, cells in rows)
        mc = ""
        if merges:
            mc = '<x:mergeCells count="%d">%s</x:mergeCells>' % (len(merges), "".join('<x:mergeCell ref="%s" />' % m for m in merges))
        return '<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="%s"><x:sheetData>%s</x:sheetData>%s</x:worksheet>' % (NS_MAIN, data, mc)

    decl = '<?xml version="1.0" encoding="utf-8"?>'
    workbook = (decl + '<x:workbook xmlns:r="%s" xmlns:x="%s"><x:sheets>'
                '<x:sheet name="成员" sheetId="1" r:id="R8f2c1a7e3b4d4c21" />'
                '<x:sheet name="旧名单" sheetId="2" state="hidden" r:id="R0b5e9d6c2a1f4e38" /></x:sheets></x:workbook>' % (NS_R, NS_MAIN))
    styles = (decl + '<x:styleSheet xmlns:x="%s"><x:fonts><x:font /></x:fonts><x:fills><x:fill><x:patternFill patternType="none" /></x:fill><x:fill><x:patternFill patternType="gray125" /></x:fill></x:fills>'
              '<x:borders><x:border /></x:borders><x:cellXfs><x:xf numFmtId="0" /><x:xf numFmtId="14" applyNumberFormat="1" /><x:xf numFmtId="49" applyNumberFormat="1" /><x:xf numFmtId="0" /></x:cellXfs></x:styleSheet>' % NS_MAIN)
    ct = (decl + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml" />'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" />'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml" />'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml" />'
          '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml" />'
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml" /></Types>')
    rels = (decl + '<Relationships xmlns="%s"><Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml" Id="R4d3c2b1a09f84e7d" /></Relationships>' % NS_PKG_REL)
    wbrels = (decl + '<Relationships xmlns="%s">'
              '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml" Id="R8f2c1a7e3b4d4c21" />'
              '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml" Id="R0b5e9d6c2a1f4e38" />'
              '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="/xl/styles.xml" Id="R6a7b8c9d0e1f2a3b" /></Relationships>' % NS_PKG_REL)
    return [("[Content_Types].xml", ct), ("_rels/.rels", rels), ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", wbrels), ("xl/worksheets/sheet1.xml", sheet(USERS, MERGES)),
            ("xl/worksheets/sheet2.xml", sheet(HIDDEN, [])), ("xl/styles.xml", styles)]


# -------------------------------------------------------------- Apache POI

def java_double(v):
    """Java's Double.toString for the integral values of the table."""
    f = float(v)
    if 1e-3 <= abs(f) < 1e7:
        return "%d.0" % f
    digits = ("%d" % f).rstrip("0")
    exp = len("%d" % f) - 1
    mant = digits[0] + "." + (digits[1:] or "0")
    return "%sE%d" % (mant, exp)


def poi_parts():
    def cell(c):
        ref, kind, val = c[0], c[1], c[2]
        if kind in ("s", "t", "m", "r"):
            if kind == "r":
                val = "".join(val)
            style = {"t": ' s="2"', "m": ' s="3"'}.get(kind, "")
            space = ' xml:space="preserve"' if val != val.strip(" \u3000") else ""
            return '<c r="%s"%s t="inlineStr"><is><t%s>%s</t></is></c>' % (ref, style, space, esc(val))
        if kind == "n":
            return '<c r="%s" t="n"><v>%s</v></c>' % (ref, java_double(val))
        if kind == "d":
            return '<c r="%s" s="1" t="n"><v>%s</v></c>' % (ref, java_double(val))
        if kind == "f":
            return '<c r="%s" t="n"><f>%s</f><v>%s</v></c>' % (ref, val, java_double(c[3]))
        if kind == "fs":
            return '<c r="%s" t="str"><f>%s</f><v>%s</v></c>' % (ref, val, esc(c[3]))
        if kind == "covered":
            return '<c r="%s" s="3"/>' % ref
        raise ValueError(kind)

    def sheet(rows, merges, selected):
        data = "".join('<row r="%d">%s</row>' % (r, "".join(cell(c) for c in cells)) for r, cells in rows)
        mc = ""
        if merges:
            mc = '<mergeCells count="%d">%s</mergeCells>' % (len(merges), "".join('<mergeCell ref="%s"/>' % m for m in merges))
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="%s"><dimension ref="A1"/>'
                '<sheetViews><sheetView workbookViewId="0"%s/></sheetViews><sheetFormatPr defaultRowHeight="15.0"/>'
                '<sheetData>%s</sheetData>%s<pageMargins bottom="0.75" footer="0.3" header="0.3" left="0.7" right="0.7" top="0.75"/></worksheet>'
                % (NS_MAIN, ' tabSelected="true"' if selected else "", data, mc))

    decl = '<?xml version="1.0" encoding="UTF-8"?>\n'
    workbook = (decl + '<workbook xmlns="%s"><workbookPr date1904="false"/><bookViews><workbookView activeTab="0"/></bookViews>'
                '<sheets><sheet name="成员" r:id="rId3" sheetId="1" xmlns:r="%s"/><sheet name="旧名单" r:id="rId4" sheetId="2" state="hidden" xmlns:r="%s"/></sheets></workbook>'
                % (NS_MAIN, NS_R, NS_R))
    styles = (decl + '<styleSheet xmlns="%s"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
              '<fonts count="1"><font><sz val="11.0"/><color indexed="8"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>'
              '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="darkGray"/></fill></fills>'
              '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
              '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
              '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="true"/>'
              '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="true"/>'
              '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="true"><alignment horizontal="center"/></xf></cellXfs></styleSheet>' % NS_MAIN)
    ct = (decl + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default ContentType="application/vnd.openxmlformats-package.relationships+xml" Extension="rels"/>'
          '<Default ContentType="application/xml" Extension="xml"/>'
          '<Override ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml" PartName="/docProps/app.xml"/>'
          '<Override ContentType="application/vnd.openxmlformats-package.core-properties+xml" PartName="/docProps/core.xml"/>'
          '<Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml" PartName="/xl/styles.xml"/>'
          '<Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml" PartName="/xl/workbook.xml"/>'
          '<Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml" PartName="/xl/worksheets/sheet1.xml"/>'
          '<Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml" PartName="/xl/worksheets/sheet2.xml"/></Types>')
    rels = (decl + '<Relationships xmlns="%s"><Relationship Id="rId1" Target="xl/workbook.xml" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
            '<Relationship Id="rId2" Target="docProps/app.xml" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"/>'
            '<Relationship Id="rId3" Target="docProps/core.xml" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"/></Relationships>' % NS_PKG_REL)
    wbrels = (decl + '<Relationships xmlns="%s"><Relationship Id="rId1" Target="styles.xml" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"/>'
              '<Relationship Id="rId3" Target="worksheets/sheet1.xml" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
              '<Relationship Id="rId4" Target="worksheets/sheet2.xml" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/></Relationships>' % NS_PKG_REL)
    app = (decl + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Apache POI</Application></Properties>')
    core = (decl + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-02T00:00:00Z</dcterms:created></cp:coreProperties>')
    return [("[Content_Types].xml", ct), ("_rels/.rels", rels), ("docProps/app.xml", app), ("docProps/core.xml", core),
            ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", wbrels), ("xl/styles.xml", styles),
            ("xl/worksheets/sheet1.xml", sheet(USERS, MERGES, True)), ("xl/worksheets/sheet2.xml", sheet(HIDDEN, [], False))]


# --------------------------------------------------------------------- CSV

csv_rows = [
    ["用户ID", "姓名", "手机号", "工号", "入职日期", "所属部门ID", "人员类型", "备注"],
    ["u001", "张三", "13800138000", "000123", "2024/1/2", "D100", "正式", '含逗号, 和"引号"'],
    ["u002", "  李四\u3000", "13900139000", "000124", "2024-01-02", "D100", "1", "第一行\n第二行"],
    None,  # a blank row
    ["u003", "王五", "13700137000", "000125", "2024-01-02", "D200", "实习", ""],
]


def csv_text(delim, eol, blank):
    """Quotes like Excel: only cells holding the delimiter, a quote or a
    line break; a line break inside a cell is a bare LF."""
    lines = []
    for row in csv_rows:
        if row is None:
            lines.append(blank)
            continue
        cells = []
        for c in row:
            if delim in c or '"' in c or "\n" in c or "\r" in c:
                c = '"' + c.replace('"', '""') + '"'
            cells.append(c)
        lines.append(delim.join(cells))
    return eol.join(lines) + eol


def write_bytes(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def main():
    write_zip("users-excel.xlsx", excel_parts())
    write_zip("users-scientific.xlsx", poi_parts())
    write_zip("users-wps.xlsx", wps_parts())
    write_zip("users-openxmlsdk.xlsx", openxmlsdk_parts())

    write_bytes("users-utf8.csv", csv_text(",", "\n", "").encode("utf-8"))
    write_bytes("users-utf8-bom.csv", b"\xef\xbb\xbf" + csv_text(",", "\r\n", ",,,,,,,").encode("utf-8"))
    write_bytes("users-gbk.csv", csv_text(",", "\r\n", ",,,,,,,").encode("gbk"))
    write_bytes("users-semicolon.csv", b"\xef\xbb\xbf" + csv_text(";", "\r\n", ";;;;;;;").encode("utf-8"))
    write_bytes("users-utf16.txt", b"\xff\xfe" + csv_text("\t", "\r\n", "\t" * 7).encode("utf-16-le"))


if __name__ == "__main__":
    main()
