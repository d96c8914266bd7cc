/// The records a department system returns for one citizen and one service: what a proof
/// certifies, what a fine or fee costs, what a lookup shows.
///
/// Records are personal data: they live in the session's memory until it ends and are never
/// written to the journal.
public enum CitizenRecords: Hashable, Sendable {
    /// Social-insurance contribution history.
    case socialInsurance(SocialInsuranceHistory)
    /// Household registration.
    case householdRegistration(HouseholdRegistration)
    /// Criminal-record check result.
    case criminalRecord(CriminalRecordCheck)
    /// Traffic violations, paid and unpaid.
    case trafficViolations([TrafficViolation])
    /// Exit-entry endorsement applications awaiting their fee.
    case exitEntry([EndorsementApplication])
    /// Appointments and the progress of applications.
    case appointments(AppointmentsAndProgress)

    /// The money the records say is due: unpaid fines, unpaid endorsement fees.
    public var amountDue: Money {
        switch self {
        case .trafficViolations(let violations): violations.filter { !$0.isPaid }.map(\.fine).sum()
        case .exitEntry(let applications): applications.filter { !$0.isFeePaid }.map(\.fee).sum()
        default: .zero
        }
    }

    /// How many rows the records hold (for journal entries, which never hold the rows).
    public var count: Int {
        switch self {
        case .socialInsurance(let history): history.contributions.count
        case .householdRegistration: 1
        case .criminalRecord: 1
        case .trafficViolations(let violations): violations.count
        case .exitEntry(let applications): applications.count
        case .appointments(let list): list.appointments.count + list.applications.count
        }
    }

    /// The source these records came from.
    public var source: RecordsSource {
        switch self {
        case .socialInsurance: .socialInsurance
        case .householdRegistration: .householdRegistration
        case .criminalRecord: .criminalRecord
        case .trafficViolations: .trafficViolations
        case .exitEntry: .exitEntry
        case .appointments: .appointments
        }
    }
}

/// A month in a contribution history (`2024-03`).
public struct YearMonth: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The year.
    public var year: Int
    /// The month, 1...12.
    public var month: Int

    /// Creates a month; `nil` if `month` is outside 1...12.
    public init?(year: Int, month: Int) {
        guard (1...12).contains(month), (1900...9999).contains(year) else { return nil }
        self.year = year
        self.month = month
    }

    /// The following month.
    public var next: YearMonth {
        self.month == 12 ? YearMonth(year: self.year + 1, month: 1)! : YearMonth(year: self.year, month: self.month + 1)!
    }

    public var description: String { "\(self.year)-\(self.month < 10 ? "0" : "")\(self.month)" }

    public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        let parts = text.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]),
            let value = YearMonth(year: year, month: month)
        else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not YYYY-MM")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.description)
    }
}

/// A social-insurance contribution history (basic pension, as printed on the common proof).
public struct SocialInsuranceHistory: Hashable, Sendable, Codable {
    /// The city's social-insurance personal number (社保个人编号); synthetic in seeds.
    public var insuranceNumber: String
    /// The insuring city.
    public var city: String
    /// First month of contributions.
    public var insuredSince: YearMonth
    /// Current state: paying, suspended, transferred out.
    public var status: String
    /// Month by month, oldest first.
    public var contributions: [MonthlyContribution]

    /// Creates a history.
    public init(insuranceNumber: String, city: String, insuredSince: YearMonth, status: String, contributions: [MonthlyContribution]) {
        self.insuranceNumber = insuranceNumber
        self.city = city
        self.insuredSince = insuredSince
        self.status = status
        self.contributions = contributions
    }

    /// Total months with a contribution.
    public var paidMonths: Int { self.contributions.count }
}

/// One month's contributions.
public struct MonthlyContribution: Hashable, Sendable, Codable {
    /// The month paid for.
    public var month: YearMonth
    /// The contributing employer (or 灵活就业 for the self-employed).
    public var employer: String
    /// The contribution base.
    public var base: Money
    /// The employer's share.
    public var employerAmount: Money
    /// The employee's share.
    public var employeeAmount: Money

    /// Creates a month's record.
    public init(month: YearMonth, employer: String, base: Money, employerAmount: Money, employeeAmount: Money) {
        self.month = month
        self.employer = employer
        self.base = base
        self.employerAmount = employerAmount
        self.employeeAmount = employeeAmount
    }
}

/// A household registration record.
public struct HouseholdRegistration: Hashable, Sendable, Codable {
    /// The household number (户号).
    public var householdNumber: String
    /// The kind of household (家庭户 / 集体户).
    public var householdType: String
    /// The registered address.
    public var address: String
    /// The householder's name.
    public var householdHead: String
    /// The citizen's relation to the householder (本人, 子, 女, 配偶…).
    public var relationToHead: String
    /// The police station that keeps the register.
    public var registrationAuthority: String
    /// When the citizen was registered at this address.
    public var registeredSince: CalendarDate
    /// Where they moved from, if anywhere.
    public var movedFrom: String?

    /// Creates a record.
    public init(
        householdNumber: String, householdType: String, address: String, householdHead: String, relationToHead: String,
        registrationAuthority: String, registeredSince: CalendarDate, movedFrom: String? = nil
    ) {
        self.householdNumber = householdNumber
        self.householdType = householdType
        self.address = address
        self.householdHead = householdHead
        self.relationToHead = relationToHead
        self.registrationAuthority = registrationAuthority
        self.registeredSince = registeredSince
        self.movedFrom = movedFrom
    }
}

/// The result of a criminal-record check.
public struct CriminalRecordCheck: Hashable, Sendable, Codable {
    /// Whether any record was found. A kiosk prints a proof only when none was.
    public var hasRecord: Bool
    /// The period the check covered (from).
    public var checkedFrom: CalendarDate
    /// The databases consulted, for the proof's wording.
    public var scope: String

    /// Creates a check result.
    public init(hasRecord: Bool, checkedFrom: CalendarDate, scope: String) {
        self.hasRecord = hasRecord
        self.checkedFrom = checkedFrom
        self.scope = scope
    }
}

/// One traffic violation (交通违法记录).
public struct TrafficViolation: Hashable, Sendable, Codable {
    /// The penalty decision number (决定书编号).
    public var decisionNumber: String
    /// The vehicle's plate.
    public var plateNumber: String
    /// When it happened.
    public var date: CalendarDate
    /// Where it happened.
    public var place: String
    /// What was done (违法行为).
    public var offence: String
    /// The fine.
    public var fine: Money
    /// Penalty points.
    public var points: Int
    /// Whether the fine is paid.
    public var isPaid: Bool

    /// Creates a violation.
    public init(
        decisionNumber: String, plateNumber: String, date: CalendarDate, place: String, offence: String, fine: Money,
        points: Int, isPaid: Bool
    ) {
        self.decisionNumber = decisionNumber
        self.plateNumber = plateNumber
        self.date = date
        self.place = place
        self.offence = offence
        self.fine = fine
        self.points = points
        self.isPaid = isPaid
    }
}

/// An exit-entry endorsement application whose fee can be paid at the kiosk.
public struct EndorsementApplication: Hashable, Sendable, Codable {
    /// The application number (受理编号).
    public var applicationNumber: String
    /// The travel document (往来港澳通行证 …).
    public var document: String
    /// The endorsement (个人旅游一次有效 …).
    public var endorsement: String
    /// The fee.
    public var fee: Money
    /// Whether it is paid already.
    public var isFeePaid: Bool

    /// Creates an application.
    public init(applicationNumber: String, document: String, endorsement: String, fee: Money, isFeePaid: Bool) {
        self.applicationNumber = applicationNumber
        self.document = document
        self.endorsement = endorsement
        self.fee = fee
        self.isFeePaid = isFeePaid
    }
}

/// Appointments and application progress for one citizen.
public struct AppointmentsAndProgress: Hashable, Sendable, Codable {
    /// Booked appointments.
    public var appointments: [Appointment]
    /// Applications in progress.
    public var applications: [ApplicationProgress]

    /// Creates the list.
    public init(appointments: [Appointment], applications: [ApplicationProgress]) {
        self.appointments = appointments
        self.applications = applications
    }
}

/// A booked appointment at a service counter.
public struct Appointment: Hashable, Sendable, Codable {
    /// The day.
    public var date: CalendarDate
    /// The time slot (`09:30-10:00`).
    public var slot: String
    /// The office.
    public var office: String
    /// The business to be done.
    public var business: String

    /// Creates an appointment.
    public init(date: CalendarDate, slot: String, office: String, business: String) {
        self.date = date
        self.slot = slot
        self.office = office
        self.business = business
    }
}

/// The state of an application being processed.
public struct ApplicationProgress: Hashable, Sendable, Codable {
    /// The application number.
    public var applicationNumber: String
    /// The business applied for.
    public var business: String
    /// The current step (受理 / 审核中 / 已制证 / 可领取).
    public var status: String
    /// When it last changed.
    public var updated: CalendarDate

    /// Creates a progress entry.
    public init(applicationNumber: String, business: String, status: String, updated: CalendarDate) {
        self.applicationNumber = applicationNumber
        self.business = business
        self.status = status
        self.updated = updated
    }
}
