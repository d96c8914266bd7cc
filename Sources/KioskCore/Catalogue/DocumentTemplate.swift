/// The A4 proof layouts the certificate printer knows.
public enum DocumentTemplate: String, Hashable, Sendable, Codable, CaseIterable {
    /// 社会保险参保缴费证明: a table of monthly contributions.
    case socialInsuranceContribution = "social-insurance-contribution"
    /// 户籍证明: registered household and address.
    case householdRegistration = "household-registration"
    /// 无犯罪记录证明.
    case noCriminalRecord = "no-criminal-record"

    /// The document's title.
    public var title: LocalizedText {
        switch self {
        case .socialInsuranceContribution: LocalizedText(zh: "社会保险参保缴费证明", en: "Social Insurance Contribution Certificate")
        case .householdRegistration: LocalizedText(zh: "户籍证明", en: "Household Registration Certificate")
        case .noCriminalRecord: LocalizedText(zh: "无犯罪记录证明", en: "Certificate of No Criminal Record")
        }
    }
}

/// The department systems a kiosk fetches a citizen's records from.
public enum RecordsSource: String, Hashable, Sendable, Codable, CaseIterable {
    /// Human resources and social security: contribution history.
    case socialInsurance
    /// Public security household registration (户籍).
    case householdRegistration
    /// Public security criminal records.
    case criminalRecord
    /// Traffic police: violations and fines.
    case trafficViolations
    /// Exit-entry administration: endorsement applications awaiting their fee.
    case exitEntry
    /// Appointment system and application progress.
    case appointments

    /// The department's name, for "records unavailable" messages.
    public var department: LocalizedText {
        switch self {
        case .socialInsurance: LocalizedText(zh: "人社部门", en: "social security bureau")
        case .householdRegistration: LocalizedText(zh: "户政部门", en: "household registration office")
        case .criminalRecord: LocalizedText(zh: "公安部门", en: "public security records office")
        case .trafficViolations: LocalizedText(zh: "交警部门", en: "traffic police")
        case .exitEntry: LocalizedText(zh: "出入境管理部门", en: "exit-entry administration")
        case .appointments: LocalizedText(zh: "预约系统", en: "appointment system")
        }
    }
}
