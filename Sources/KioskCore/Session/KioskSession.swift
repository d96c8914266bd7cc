/// The state machine of one kiosk's citizen visits, from "place your card" back to idle.
///
/// It performs no I/O, reads no clock and draws no random numbers: the owner feeds it
/// ``SessionEvent``s with the current ``KioskTime`` and performs the ``SessionAction``s it
/// returns (swift-nio's "state machine returns actions" style).
///
/// Guarantees, checked by the property tests:
/// - every state other than idle and out-of-service has a deadline, so a session never hangs;
/// - every path ends in idle (or out of service) holding no identity or records;
/// - journal entries, screens and prompts carry masked data only.
///
/// ```swift
/// var session = KioskSession(configuration: configuration, usability: usability)
/// perform(session.start(at: now))
/// perform(session.handle(.cardRead(reading), at: now))
/// ```
public struct KioskSession: Sendable {
    /// What the session is doing.
    public enum State: Hashable, Sendable {
        /// Waiting for a card (attract screen).
        case idle
        /// No service can be offered (maintenance, or the devices needed are down).
        case outOfService
        /// The reader found a card and is reading it.
        case readingCard
        /// The card was refused; the reason shows for a few seconds.
        case cardRejected(SessionID, CardRejection)
        /// The citizen chooses a service.
        case serviceMenu(Visit)
        /// Waiting for a department's records.
        case fetchingRecords(Visit)
        /// The citizen checks what will be printed or paid.
        case preview(Visit, notice: LocalizedText?)
        /// Taking money.
        case awaitingPayment(Visit, PaymentProgress)
        /// Printing the proof, then the receipt.
        case printing(Visit, PrintStep)
        /// "Take your document and your card"; the citizen's data is already wiped.
        case collect(Farewell)
        /// Something went wrong; the message shows, then the kiosk returns to idle.
        case error(Farewell)
    }

    /// The configuration the session was created with.
    public let configuration: SessionConfiguration
    /// The current state.
    public internal(set) var state: State
    /// The language the citizen chose.
    public internal(set) var language: Language = .zh
    /// Usability of each device role, as last reported.
    public internal(set) var usability: [DeviceRole: DeviceUsability]
    /// Whether a technician took the kiosk out of service.
    public internal(set) var isInMaintenance = false
    /// When the current step times out (uptime), if it can.
    public internal(set) var deadline: Duration?

    var nextSessionNumber: UInt64
    var lastScreen: Screen?
    var lastArmedDeadline: Duration?

    /// Creates a session machine in idle (or out of service, decided by ``start(at:)``).
    /// - Parameter usability: device usability known at start; roles not listed count as unusable.
    public init(configuration: SessionConfiguration, usability: [DeviceRole: DeviceUsability] = [:]) {
        self.configuration = configuration
        self.usability = usability
        self.nextSessionNumber = configuration.firstSessionNumber
        self.state = .idle
    }

    /// Shows the first screen.
    public mutating func start(at now: KioskTime) -> [SessionAction] {
        var actions: [SessionAction] = []
        self.enterRestingState(&actions)
        return self.finish(actions, at: now)
    }

    /// Feeds one event and returns what to do.
    public mutating func handle(_ event: SessionEvent, at now: KioskTime) -> [SessionAction] {
        var actions: [SessionAction] = []
        switch event {
        case .tick:
            if let deadline = self.deadline, now.uptime >= deadline {
                self.deadline = nil
                self.timeout(&actions, at: now)
            }
        case .languageToggled, .choiceSelected(.language):
            self.language = self.language.toggled
        case .deviceUsabilityChanged(let role, let usability):
            self.usability[role] = usability
            if self.isResting { self.enterRestingState(&actions) }
        case .maintenanceModeChanged(let isOn):
            self.isInMaintenance = isOn
            if self.isResting { self.enterRestingState(&actions) }
        case .cardPresented, .cardRead, .cardReadFailed:
            self.handleCard(event, &actions, at: now)
        case .choiceSelected(let choice):
            self.handleChoice(choice, &actions, at: now)
        case .recordsFetched, .recordsUnavailable:
            self.handleRecords(event, &actions, at: now)
        case .noteEscrowed, .noteCredited, .paymentCodePending, .paymentCodeSucceeded, .paymentCodeFailed,
            .paymentDeviceFailed:
            self.handlePayment(event, &actions, at: now)
        case .printProgress, .certificatePrinted, .certificatePrintFailed, .receiptPrinted, .receiptPrintFailed:
            self.handlePrinting(event, &actions, at: now)
        }
        return self.finish(actions, at: now)
    }

    /// The screen for the current state.
    public func screen(at now: KioskTime) -> Screen {
        self.makeScreen(at: now)
    }

    /// Whether the machine holds a citizen's identity or records right now.
    public var holdsPersonalData: Bool {
        switch self.state {
        case .serviceMenu, .fetchingRecords, .preview, .awaitingPayment, .printing: true
        case .idle, .outOfService, .readingCard, .cardRejected, .collect, .error: false
        }
    }

    /// Whether the kiosk waits for a card (idle or out of service).
    public var isResting: Bool {
        switch self.state {
        case .idle, .outOfService: true
        default: false
        }
    }

    /// Whether a citizen can start a visit: not in maintenance, reader usable, some service available.
    public var isInService: Bool {
        !self.isInMaintenance && (self.usability[.idCardReader]?.isUsable ?? false) && !self.availableServices.isEmpty
    }

    /// Services whose devices are all usable, in menu order.
    public var availableServices: [Service] {
        self.configuration.catalogue.services.filter { $0.availability(self.usability).isAvailable }
    }

    // MARK: Shared transitions

    /// Goes to idle or out of service, whichever applies.
    mutating func enterRestingState(_ actions: inout [SessionAction]) {
        self.state = self.isInService ? .idle : .outOfService
        self.deadline = nil
    }

    /// Sets the deadline of the step just entered.
    mutating func arm(_ timeout: Duration, at now: KioskTime) {
        self.deadline = now.uptime + timeout
    }

    mutating func allocateSessionID() -> SessionID {
        defer { self.nextSessionNumber += 1 }
        return SessionID(kioskID: self.configuration.kioskID, number: self.nextSessionNumber)
    }

    /// Appends `.show` when the screen changed and `.armDeadline` when the deadline moved.
    private mutating func finish(_ actions: [SessionAction], at now: KioskTime) -> [SessionAction] {
        var result: [SessionAction] = []
        let screen = self.makeScreen(at: now)
        if screen != self.lastScreen {
            self.lastScreen = screen
            result.append(.show(screen))
        }
        result += actions
        if let deadline = self.deadline, deadline != self.lastArmedDeadline {
            result.append(.armDeadline(deadline))
        }
        self.lastArmedDeadline = self.deadline
        return result
    }
}
