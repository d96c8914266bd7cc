/// Builds the body rows of receipts, slips and vouchers from a visit. Rows hold what the
/// citizen paid for or looked up; personal fields stay masked.
enum ReceiptRows {
    static func rows(for visit: Visit, kind: ReceiptJob.Kind) -> [ReceiptRow] {
        var rows: [ReceiptRow] = []
        if let template = visit.service?.document, visit.transaction?.isCertificatePrinted == true {
            rows.append(ReceiptRow(label: .init(zh: "证明", en: "Document"), value: template.title.zh))
        }
        switch visit.records {
        case .trafficViolations(let violations):
            for violation in violations where !violation.isPaid {
                rows.append(ReceiptRow(label: .init(zh: "决定书编号", en: "Decision No."), value: violation.decisionNumber))
                rows.append(ReceiptRow(label: .init(zh: "罚款", en: "Fine"), value: violation.fine.description))
            }
        case .exitEntry(let applications):
            for application in applications where !application.isFeePaid {
                rows.append(ReceiptRow(label: .init(zh: "受理编号", en: "Application"), value: application.applicationNumber))
                rows.append(ReceiptRow(label: .init(zh: "签注", en: "Endorsement"), value: application.endorsement))
            }
        case .appointments(let list) where kind == .slip:
            for appointment in list.appointments {
                rows.append(
                    ReceiptRow(
                        label: .init(zh: "预约", en: "Appointment"),
                        value: "\(appointment.date) \(appointment.slot) \(appointment.office)"))
            }
            for application in list.applications {
                rows.append(ReceiptRow(label: .init(verbatim: application.applicationNumber), value: "\(application.business) \(application.status)"))
            }
        default:
            break
        }
        return rows
    }
}
