extension CitizenRecords: Codable {
    private enum CodingKeys: String, CodingKey { case source, data }

    /// Decodes `{"source": "trafficViolations", "data": [...]}` (the records gateway's format).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let source = try container.decode(RecordsSource.self, forKey: .source)
        switch source {
        case .socialInsurance: self = .socialInsurance(try container.decode(SocialInsuranceHistory.self, forKey: .data))
        case .householdRegistration:
            self = .householdRegistration(try container.decode(HouseholdRegistration.self, forKey: .data))
        case .criminalRecord: self = .criminalRecord(try container.decode(CriminalRecordCheck.self, forKey: .data))
        case .trafficViolations: self = .trafficViolations(try container.decode([TrafficViolation].self, forKey: .data))
        case .exitEntry: self = .exitEntry(try container.decode([EndorsementApplication].self, forKey: .data))
        case .appointments: self = .appointments(try container.decode(AppointmentsAndProgress.self, forKey: .data))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.source, forKey: .source)
        switch self {
        case .socialInsurance(let value): try container.encode(value, forKey: .data)
        case .householdRegistration(let value): try container.encode(value, forKey: .data)
        case .criminalRecord(let value): try container.encode(value, forKey: .data)
        case .trafficViolations(let value): try container.encode(value, forKey: .data)
        case .exitEntry(let value): try container.encode(value, forKey: .data)
        case .appointments(let value): try container.encode(value, forKey: .data)
        }
    }
}

/// Every record the departments hold on one (synthetic) citizen: the shape of `seeds/records.json`
/// and of the embedded records provider's store.
public struct RecordBook: Hashable, Sendable, Codable {
    /// The citizen's document number (the key the departments use).
    public var documentNumber: DocumentNumber
    /// Social-insurance history.
    public var socialInsurance: SocialInsuranceHistory?
    /// Household registration.
    public var householdRegistration: HouseholdRegistration?
    /// Criminal-record check.
    public var criminalRecord: CriminalRecordCheck?
    /// Traffic violations.
    public var trafficViolations: [TrafficViolation]?
    /// Exit-entry endorsement applications.
    public var exitEntry: [EndorsementApplication]?
    /// Appointments and progress.
    public var appointments: AppointmentsAndProgress?

    /// Creates a record book.
    public init(documentNumber: DocumentNumber) { self.documentNumber = documentNumber }

    /// The records of one source, or `nil` when the department has none.
    public func records(from source: RecordsSource) -> CitizenRecords? {
        switch source {
        case .socialInsurance: self.socialInsurance.map(CitizenRecords.socialInsurance)
        case .householdRegistration: self.householdRegistration.map(CitizenRecords.householdRegistration)
        case .criminalRecord: self.criminalRecord.map(CitizenRecords.criminalRecord)
        case .trafficViolations: self.trafficViolations.map(CitizenRecords.trafficViolations)
        case .exitEntry: self.exitEntry.map(CitizenRecords.exitEntry)
        case .appointments: self.appointments.map(CitizenRecords.appointments)
        }
    }
}

extension CitizenRecords: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Which records and how many rows: never their content, which is personal data.
    public var description: String { "\(self.source.rawValue) records (\(self.count) rows)" }
    /// Same as ``description``.
    public var debugDescription: String { "CitizenRecords(\(self.description))" }
    /// A mirror without the content, so `dump` and failure messages stay free of personal data.
    public var customMirror: Mirror {
        Mirror(self, children: ["source": self.source.rawValue, "rows": self.count], displayStyle: .enum)
    }
}
