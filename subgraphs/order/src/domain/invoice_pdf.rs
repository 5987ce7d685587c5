//! Renders an invoice as a PDF document: A4 pages of text in the standard
//! Helvetica fonts, which every PDF reader has, so nothing is embedded and
//! no crate is needed. Text is encoded as WinAnsi (Latin-1); other
//! characters print as `?`.

use crate::domain::{Invoice, Order};

const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 50.0;
const LINE_HEIGHT: f32 = 14.0;

#[derive(Clone, Copy)]
enum Font {
    Regular,
    Bold,
}

/// One piece of text on a line.
struct Cell {
    x: f32,
    font: Font,
    size: f32,
    text: String,
}

/// The text of a PDF string literal: Latin-1, with `\`, `(` and `)` escaped.
fn pdf_string(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + 2);
    out.push(b'(');
    for c in text.chars() {
        let byte = match c {
            '\\' | '(' | ')' => {
                out.push(b'\\');
                c as u8
            }
            c if (' '..='~').contains(&c) => c as u8,
            c if ('\u{a0}'..='\u{ff}').contains(&c) => c as u32 as u8,
            _ => b'?',
        };
        out.push(byte);
    }
    out.push(b')');
    out
}

/// The invoice as rows of cells, top to bottom.
fn layout(invoice: &Invoice, order: &Order) -> Vec<Vec<Cell>> {
    let cell = |x: f32, font, size, text: String| Cell {
        x,
        font,
        size,
        text,
    };
    let text = |x: f32, t: String| cell(x, Font::Regular, 10.0, t);
    let bold = |x: f32, t: String| cell(x, Font::Bold, 10.0, t);
    let money = |m: &platform::money::Money| format!("{} {}", m.amount_string(), m.currency);
    let mut rows = vec![
        vec![cell(
            MARGIN,
            Font::Bold,
            18.0,
            format!("Invoice {}", invoice.display_number()),
        )],
        vec![],
        vec![text(
            MARGIN,
            format!("Issued: {}", invoice.issued_at.format("%Y-%m-%d")),
        )],
        vec![text(MARGIN, format!("Order: {}", order.id))],
        vec![],
        vec![bold(MARGIN, "Seller".into()), bold(300.0, "Buyer".into())],
    ];
    let party = |p: &crate::domain::Party| {
        let mut lines = vec![p.name.clone()];
        lines.extend(p.address.iter().cloned());
        lines.extend(p.email.clone());
        lines.extend(p.tax_id.as_ref().map(|t| format!("Tax id: {t}")));
        lines
    };
    let (seller, buyer) = (party(&invoice.seller), party(&invoice.buyer));
    for i in 0..seller.len().max(buyer.len()) {
        let mut row = Vec::new();
        if let Some(line) = seller.get(i) {
            row.push(text(MARGIN, line.clone()));
        }
        if let Some(line) = buyer.get(i) {
            row.push(text(300.0, line.clone()));
        }
        rows.push(row);
    }
    rows.push(vec![]);
    rows.push(vec![
        bold(MARGIN, "Item".into()),
        bold(280.0, "SKU".into()),
        bold(370.0, "Qty".into()),
        bold(410.0, "Unit price".into()),
        bold(490.0, "Total".into()),
    ]);
    for line in &order.lines {
        let total = line
            .total()
            .map(|t| money(&t))
            .unwrap_or_else(|_| "-".into());
        let name: String = line.product_name.chars().take(42).collect();
        rows.push(vec![
            text(MARGIN, name),
            text(280.0, line.sku.clone().unwrap_or_default()),
            text(370.0, line.quantity.to_string()),
            text(410.0, money(&line.unit_price)),
            text(490.0, total),
        ]);
    }
    rows.push(vec![]);
    let rate = format!(
        "{}.{:02} %",
        order.tax_rate_bp / 100,
        order.tax_rate_bp % 100
    );
    for (label, value) in [
        ("Subtotal".to_string(), money(&order.subtotal)),
        ("Shipping".to_string(), money(&order.shipping)),
        (format!("Tax ({rate})"), money(&order.tax)),
    ] {
        rows.push(vec![text(370.0, label), text(490.0, value)]);
    }
    rows.push(vec![
        bold(370.0, "Total".into()),
        bold(490.0, money(&order.total)),
    ]);
    rows
}

/// The invoice as a complete PDF file.
pub fn render(invoice: &Invoice, order: &Order) -> Vec<u8> {
    let rows = layout(invoice, order);
    let per_page = ((PAGE_HEIGHT - 2.0 * MARGIN) / LINE_HEIGHT) as usize;
    let pages: Vec<&[Vec<Cell>]> = rows.chunks(per_page).collect();

    // Objects: 1 catalog, 2 pages, 3 and 4 fonts, then a page and its
    // content stream for each page.
    let mut objects: Vec<Vec<u8>> = Vec::new();
    let page_ids: Vec<usize> = (0..pages.len()).map(|i| 5 + 2 * i).collect();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    let kids: Vec<String> = page_ids.iter().map(|id| format!("{id} 0 R")).collect();
    objects.push(
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages.len()
        )
        .into_bytes(),
    );
    objects.push(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    );
    objects.push(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    );
    for (i, page) in pages.iter().enumerate() {
        let mut content = Vec::new();
        let mut y = PAGE_HEIGHT - MARGIN;
        for row in page.iter() {
            for cell in row {
                let font = match cell.font {
                    Font::Regular => "F1",
                    Font::Bold => "F2",
                };
                content.extend(
                    format!("BT /{font} {} Tf {} {} Td ", cell.size, cell.x, y).into_bytes(),
                );
                content.extend(pdf_string(&cell.text));
                content.extend(b" Tj ET\n");
            }
            y -= LINE_HEIGHT;
        }
        let footer = format!("Page {} of {}", i + 1, pages.len());
        content.extend(
            format!(
                "BT /F1 8 Tf {} {} Td ",
                PAGE_WIDTH - MARGIN - 50.0,
                MARGIN / 2.0
            )
            .into_bytes(),
        );
        content.extend(pdf_string(&footer));
        content.extend(b" Tj ET\n");
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] \
                 /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R >>",
                page_ids[i] + 1
            )
            .into_bytes(),
        );
        let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        stream.extend(content);
        stream.extend(b"\nendstream");
        objects.push(stream);
    }

    let mut pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n", i + 1).into_bytes());
        pdf.extend(body);
        pdf.extend(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).into_bytes());
    for offset in offsets {
        pdf.extend(format!("{offset:010} 00000 n \n").into_bytes());
    }
    pdf.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .into_bytes(),
    );
    pdf
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{OrderLine, OrderStatus, Party};
    use platform::money::Money;
    use uuid::Uuid;

    fn sample(lines: usize) -> (Invoice, Order) {
        let usd = |a: &str| Money::parse(a, "USD").unwrap();
        let party = |name: &str| Party {
            name: name.into(),
            email: Some("a@b.c".into()),
            address: vec!["1 Main St (rear)".into(), "10001 New York".into()],
            tax_id: None,
        };
        let order = Order {
            id: Uuid::now_v7(),
            user_id: Uuid::now_v7(),
            status: OrderStatus::Paid,
            lines: (0..lines)
                .map(|i| OrderLine {
                    product_id: Uuid::now_v7(),
                    product_name: format!("Café crème {i} \\ (décaf) ✓"),
                    sku: Some(format!("SKU-{i}")),
                    quantity: 2,
                    unit_price: usd("1.50"),
                })
                .collect(),
            subtotal: usd("3.00"),
            shipping: usd("4.99"),
            tax: usd("0.58"),
            tax_rate_bp: 725,
            total: usd("8.57"),
            shipping_address: None,
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
        };
        let invoice = Invoice {
            id: Uuid::now_v7(),
            order_id: order.id,
            number: 42,
            issued_at: chrono::Utc::now(),
            seller: party("Shop Demo Ltd."),
            buyer: party("Ada"),
        };
        (invoice, order)
    }

    fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
        haystack.windows(needle.len()).position(|w| w == needle)
    }

    #[test]
    fn the_pdf_is_well_formed_with_a_correct_cross_reference_table() {
        let (invoice, order) = sample(3);
        let pdf = render(&invoice, &order);
        assert!(pdf.starts_with(b"%PDF-1.4"));
        assert!(pdf.ends_with(b"%%EOF\n"));
        let tail = String::from_utf8_lossy(&pdf[pdf.len() - 40..]).to_string();
        let start: usize = tail
            .split("startxref\n")
            .nth(1)
            .and_then(|s| s.lines().next())
            .and_then(|n| n.parse().ok())
            .expect("startxref");
        assert_eq!(&pdf[start..start + 4], b"xref");
        let table = String::from_utf8_lossy(&pdf[start..]).to_string();
        for (i, entry) in table
            .lines()
            .skip(3)
            .take_while(|l| l.ends_with(" n "))
            .enumerate()
        {
            let offset: usize = entry[..10].parse().unwrap();
            let expected = format!("{} 0 obj", i + 1);
            assert_eq!(&pdf[offset..offset + expected.len()], expected.as_bytes());
        }
        assert!(find(&pdf, b"(Invoice INV-000042)").is_some());
        assert!(find(&pdf, b"(8.57 USD)").is_some());
        assert!(
            find(&pdf, b"(1 Main St \\(rear\\))").is_some(),
            "parentheses are escaped"
        );
    }

    #[test]
    fn text_is_latin1_and_long_invoices_run_over_several_pages() {
        assert_eq!(pdf_string("é ✓"), b"(\xe9 ?)".to_vec());
        let (invoice, order) = sample(100);
        let pdf = render(&invoice, &order);
        assert!(
            find(&pdf, b"/Count 3").is_some(),
            "100 lines fill three pages"
        );
        assert!(find(&pdf, b"(Page 3 of 3)").is_some());
    }
}
