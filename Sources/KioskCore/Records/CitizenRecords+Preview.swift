extension CitizenRecords {
    /// Lines for the preview screen: a summary a citizen can check at a glance, with personal
    /// fields (addresses, other people's names) masked.
    public var previewLines: [ScreenLine] {
        switch self {
        case .socialInsurance(let history):
            var lines = [
                ScreenLine(.init(verbatim: history.city), label: .init(zh: "参保城市", en: "City")),
                ScreenLine(.init(verbatim: history.insuredSince.description), label: .init(zh: "参保起始", en: "Insured since")),
                ScreenLine(
                    .init(zh: "\(history.paidMonths) 个月", en: "\(history.paidMonths) months"),
                    label: .init(zh: "缴费月数", en: "Months paid"), style: .emphasis),
            ]
            if let last = history.contributions.last {
                lines.append(ScreenLine(.init(verbatim: "\(last.month) \(last.employer)"), label: .init(zh: "最近缴费", en: "Latest month")))
            }
            lines.append(ScreenLine(.init(verbatim: history.status), label: .init(zh: "参保状态", en: "Status")))
            return lines
        case .householdRegistration(let registration):
            return [
                ScreenLine(.init(verbatim: PersonalDataMask.address(registration.address)), label: .init(zh: "户籍地址", en: "Address")),
                ScreenLine(.init(verbatim: PersonalDataMask.name(registration.householdHead)), label: .init(zh: "户主", en: "Householder")),
                ScreenLine(.init(verbatim: registration.relationToHead), label: .init(zh: "与户主关系", en: "Relation")),
                ScreenLine(.init(verbatim: registration.registrationAuthority), label: .init(zh: "登记机关", en: "Registry")),
            ]
        case .criminalRecord(let check):
            if let blocker = self.proofBlocker { return [ScreenLine(blocker, style: .warning)] }
            return [
                ScreenLine(.init(zh: "经查询，未发现犯罪记录", en: "No criminal record was found"), style: .emphasis),
                ScreenLine(.init(verbatim: check.scope), label: .init(zh: "查询范围", en: "Scope"), style: .hint),
            ]
        case .trafficViolations(let violations):
            let unpaid = violations.filter { !$0.isPaid }
            guard !unpaid.isEmpty else {
                return [ScreenLine(.init(zh: "您没有未缴纳的交通违法罚款", en: "You have no unpaid traffic fines"), style: .emphasis)]
            }
            var lines = unpaid.map { violation in
                ScreenLine(
                    .init(
                        zh: "\(violation.offence) 罚款\(violation.fine) 记\(violation.points)分",
                        en: "\(violation.offence) fine \(violation.fine), \(violation.points) points"),
                    label: .init(verbatim: "\(violation.date) \(violation.plateNumber)"))
            }
            lines.append(ScreenLine(.init(verbatim: self.amountDue.description), label: .init(zh: "应缴合计", en: "Total due"), style: .amount))
            return lines
        case .exitEntry(let applications):
            let unpaid = applications.filter { !$0.isFeePaid }
            guard !unpaid.isEmpty else {
                return [ScreenLine(.init(zh: "您没有待缴费的签注申请", en: "No endorsement fee is due"), style: .emphasis)]
            }
            var lines = unpaid.map { application in
                ScreenLine(
                    .init(verbatim: "\(application.document) \(application.endorsement) \(application.fee)"),
                    label: .init(verbatim: application.applicationNumber))
            }
            lines.append(ScreenLine(.init(verbatim: self.amountDue.description), label: .init(zh: "应缴合计", en: "Total due"), style: .amount))
            return lines
        case .appointments(let list):
            var lines: [ScreenLine] = []
            for appointment in list.appointments {
                lines.append(
                    ScreenLine(
                        .init(verbatim: "\(appointment.slot) \(appointment.office) \(appointment.business)"),
                        label: .init(verbatim: appointment.date.description)))
            }
            for application in list.applications {
                lines.append(
                    ScreenLine(
                        .init(verbatim: "\(application.business)：\(application.status)"),
                        label: .init(verbatim: application.applicationNumber)))
            }
            if lines.isEmpty {
                lines.append(ScreenLine(.init(zh: "您没有预约或在办业务", en: "You have no appointments or applications"), style: .emphasis))
            }
            return lines
        }
    }

    /// Why a proof cannot be issued at the kiosk from these records, if it cannot.
    public var proofBlocker: LocalizedText? {
        if case .criminalRecord(let check) = self, check.hasRecord {
            return LocalizedText(zh: "此证明需到服务窗口办理", en: "This certificate must be requested at a service counter")
        }
        return nil
    }
}
