"""CSV that Excel opens: `.csv?_bom=1` adds a UTF-8 byte-order mark, and table and query pages link to it."""
from datasette import hookimpl

from sichuan_edu.site import csv_with_bom

# Beside Datasette's CSV link: the same rows for Excel (all of them on a table page, streamed), and a
# checkbox in the advanced export form. Built with textContent: nothing from the page is markup.
EXCEL_LINK_SCRIPT = """
(function () {
  var csv = Array.from(document.querySelectorAll("p.export-links a")).find(function (a) {
    return /\\.csv(\\?|$)/.test(a.getAttribute("href") || "");
  });
  if (csv) {
    var url = new URL(csv.href);
    if (document.body.classList.contains("table")) { url.searchParams.set("_stream", "on"); }
    url.searchParams.set("_dl", "1");
    url.searchParams.set("_bom", "1");
    var link = document.createElement("a");
    link.href = url.pathname + url.search;
    link.className = "excel-csv";
    link.textContent = "Excel（CSV，UTF-8 BOM）";
    csv.parentNode.insertBefore(link, csv.nextSibling);
    csv.parentNode.insertBefore(document.createTextNode(", "), link);
  }
  var form = document.querySelector(".advanced-export form");
  if (form) {
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox"; box.name = "_bom"; box.value = "1";
    label.appendChild(box);
    label.appendChild(document.createTextNode(" Excel（UTF-8 BOM）"));
    var submit = form.querySelector("input[type=submit]");
    submit.parentNode.insertBefore(label, submit);
  }
})();
"""


@hookimpl
def asgi_wrapper():
    return csv_with_bom


@hookimpl
def extra_body_script(template):
    if template.startswith(("table", "query")):
        return EXCEL_LINK_SCRIPT
    return ""
