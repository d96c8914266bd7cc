import CertificatePrinter
import Foundation

/// The printed text of a proof as JSON, for `scripts/bench-reportlab/render_proof.py`, so
/// ReportLab renders exactly the content OneTrip renders.
enum ProofContentExport {
    static func json(_ document: ProofDocument, payload: ProofPayload) throws -> Data {
        let table = document.table
        let object: [String: Any] = [
            "office": document.issuingOffice,
            "title_zh": document.title.zh,
            "title_en": document.title.en,
            "document_id": document.documentID,
            "citizen": [
                "姓名 Name：\(document.citizen.name)",
                "证件号码 ID number：\(document.citizen.maskedDocumentNumber)    证件类型 Card：\(document.citizen.cardType.name.zh) \(document.citizen.cardType.name.en)",
            ],
            "statement": document.statement.map { [$0.zh, $0.en] },
            "fields": document.fields.map { "\($0.label.zh) \($0.label.en)：\($0.value)" },
            "columns": (table?.columns ?? []).map { column -> [String: Any] in
                let align: String
                switch column.alignment {
                case .leading: align = "left"
                case .trailing: align = "right"
                case .center: align = "center"
                }
                return ["zh": column.title.zh, "en": column.title.en, "weight": column.weight, "align": align]
            },
            "rows": table?.rows ?? [],
            "totals": table?.totals ?? [],
            "closing": document.closing.map { [$0.zh, $0.en] },
            "issuer": [
                "出具单位 Issued by：\(document.issuingOffice)", "出具日期 Date of issue：\(document.issuedAt.chinaDate)",
                "（电子签名，见二维码 Electronically signed, see QR code）",
            ],
            "payload": payload.text,
            "code": payload.verificationCode,
            "footer": [
                "出具时间 Issued: \(document.issuedAt.chinaDateTime) (UTC+8)", "有效期至 Valid until: \(document.validUntil)",
                "自助机编号 Kiosk: \(document.kioskID)", "交易号 Transaction: \(document.transactionID)",
                "证明编号 Document: \(document.documentID)",
            ],
        ]
        return try JSONSerialization.data(withJSONObject: object)
    }
}
