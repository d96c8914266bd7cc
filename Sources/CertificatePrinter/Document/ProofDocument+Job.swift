import KioskCore

extension ProofDocument {
    /// Builds the proof a job asks for.
    /// - Parameters:
    ///   - job: the session's certificate job (identity and records).
    ///   - context: kiosk, office, issue time.
    /// - Throws: ``ProofError/recordsMismatch(template:source:)`` when the records do not fit
    ///   the template, ``ProofError/refused(_:)`` when they forbid the proof.
    public init(job: CertificateJob, context: IssueContext) throws(ProofError) {
        let citizen = ProofCitizen(identity: job.identity)
        let days = context.validity(of: job.template)
        let body: ProofBody
        switch (job.template, job.records) {
        case (.socialInsuranceContribution, .socialInsurance(let history)):
            body = .socialInsurance(history, citizen: citizen)
        case (.householdRegistration, .householdRegistration(let registration)):
            body = .household(registration, citizen: citizen)
        case (.noCriminalRecord, .criminalRecord(let check)):
            body = try .noCriminalRecord(check, citizen: citizen, until: context.issuedAt.chinaDate)
        default:
            throw .recordsMismatch(template: job.template, source: job.records.source)
        }
        self.init(
            template: job.template, documentID: Self.documentID(job.template, job.transactionID), title: job.template.title,
            issuingOffice: context.issuingOffice, citizen: citizen, statement: body.statement, fields: body.fields,
            table: body.table,
            closing: [
                LocalizedText(zh: "特此证明。", en: "This is to certify the above."),
                LocalizedText(
                    zh: "本证明自出具之日起\(days)日内有效。可扫描二维码或凭核验码核验真伪。",
                    en: "Valid for \(days) days from the date of issue. Check it with the QR code or the verification code."),
            ],
            issuedAt: context.issuedAt, validityDays: days, kioskID: context.kioskID, transactionID: job.transactionID)
    }
}

extension ProofDocument {
    /// A proof's number: a two-letter kind and the transaction (`SI-HS-0001-000042T`).
    public static func documentID(_ template: DocumentTemplate, _ transaction: TransactionID) -> String {
        let kind: String
        switch template {
        case .socialInsuranceContribution: kind = "SI"
        case .householdRegistration: kind = "HR"
        case .noCriminalRecord: kind = "NC"
        }
        return "\(kind)-\(transaction)"
    }
}

/// The template-specific part of a proof.
struct ProofBody {
    var statement: [LocalizedText]
    var fields: [ProofField]
    var table: ProofTable?

    static func socialInsurance(_ history: SocialInsuranceHistory, citizen: ProofCitizen) -> ProofBody {
        let who = "\(citizen.name)（证件号码 \(citizen.maskedDocumentNumber)）"
        let rows = history.contributions.enumerated().map { index, month in
            [
                String(index + 1), month.month.description, month.employer, month.base.decimalString,
                month.employerAmount.decimalString, month.employeeAmount.decimalString,
            ]
        }
        let employerTotal = history.contributions.map(\.employerAmount).sum()
        let employeeTotal = history.contributions.map(\.employeeAmount).sum()
        return ProofBody(
            statement: [
                LocalizedText(
                    zh: "兹证明\(who)在\(history.city)参加基本养老保险，参保缴费情况如下。",
                    en: "This is to certify that \(citizen.name) (ID \(citizen.maskedDocumentNumber)) is insured in \(history.city); the contributions are listed below.")
            ],
            fields: [
                ProofField(LocalizedText(zh: "社保个人编号", en: "Insurance number"), history.insuranceNumber),
                ProofField(LocalizedText(zh: "参保城市", en: "City"), history.city),
                ProofField(LocalizedText(zh: "首次参保年月", en: "Insured since"), history.insuredSince.description),
                ProofField(LocalizedText(zh: "参保状态", en: "Status"), history.status),
                ProofField(LocalizedText(zh: "累计缴费月数", en: "Months paid"), String(history.paidMonths)),
            ],
            table: ProofTable(
                columns: [
                    ProofColumn(LocalizedText(zh: "序号", en: "No."), weight: 0.55, alignment: .center),
                    ProofColumn(LocalizedText(zh: "缴费年月", en: "Month"), weight: 0.95, alignment: .center),
                    ProofColumn(LocalizedText(zh: "缴费单位", en: "Employer"), weight: 2.7),
                    ProofColumn(LocalizedText(zh: "缴费基数", en: "Base (¥)"), weight: 1.05, alignment: .trailing),
                    ProofColumn(LocalizedText(zh: "单位缴纳", en: "Employer (¥)"), weight: 1.05, alignment: .trailing),
                    ProofColumn(LocalizedText(zh: "个人缴纳", en: "Employee (¥)"), weight: 1.05, alignment: .trailing),
                ],
                rows: rows,
                totals: ["", "合计 Total", "\(history.paidMonths) 个月 months", "", employerTotal.decimalString, employeeTotal.decimalString]
            ))
    }

    static func household(_ registration: HouseholdRegistration, citizen: ProofCitizen) -> ProofBody {
        var rows: [[String]] = [
            ["户号 Household number", registration.householdNumber],
            ["户别 Household type", registration.householdType],
            ["住址 Registered address", registration.address],
            ["户主姓名 Head of household", registration.householdHead],
            ["与户主关系 Relation to head", registration.relationToHead],
            ["登记机关 Registration authority", registration.registrationAuthority],
            ["登记日期 Registered since", registration.registeredSince.description],
        ]
        if let movedFrom = registration.movedFrom { rows.append(["迁入前住址 Moved from", movedFrom]) }
        return ProofBody(
            statement: [
                LocalizedText(
                    zh: "兹证明\(citizen.name)（证件号码 \(citizen.maskedDocumentNumber)）的户籍登记信息如下。",
                    en: "This is to certify the household registration of \(citizen.name) (ID \(citizen.maskedDocumentNumber)) as follows.")
            ],
            fields: [],
            table: ProofTable(
                columns: [
                    ProofColumn(LocalizedText(zh: "项目", en: "Item"), weight: 2.2),
                    ProofColumn(LocalizedText(zh: "登记内容", en: "Registered details"), weight: 4.8),
                ],
                rows: rows))
    }

    static func noCriminalRecord(_ check: CriminalRecordCheck, citizen: ProofCitizen, until: CalendarDate) throws(ProofError)
        -> ProofBody
    {
        guard !check.hasRecord else {
            throw .refused("the criminal-record check found a record; the citizen must apply at a counter")
        }
        return ProofBody(
            statement: [
                LocalizedText(
                    zh: "经查询，自\(check.checkedFrom)至\(until)，未发现\(citizen.name)（证件号码 \(citizen.maskedDocumentNumber)）有犯罪记录。",
                    en: "A check from \(check.checkedFrom) to \(until) found no criminal record for \(citizen.name) (ID \(citizen.maskedDocumentNumber)).")
            ],
            fields: [],
            table: ProofTable(
                columns: [
                    ProofColumn(LocalizedText(zh: "查询项目", en: "Item"), weight: 2.2),
                    ProofColumn(LocalizedText(zh: "查询结果", en: "Result"), weight: 4.8),
                ],
                rows: [
                    ["查询范围 Scope", check.scope],
                    ["查询期间 Period", "\(check.checkedFrom) — \(until)"],
                    ["查询结果 Result", "未发现犯罪记录 No criminal record found"],
                ]))
    }
}
