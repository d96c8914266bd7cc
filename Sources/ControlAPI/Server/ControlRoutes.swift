import DeviceKit
import Foundation
import Hummingbird
import KioskCore
import NIOCore

/// The control API's endpoints over a ``KioskControl`` (see ``ControlServer`` for the table).
struct ControlRoutes: Sendable {
    let control: any KioskControl
    let maxBodyBytes: Int
    let heartbeat: Duration

    func register(on router: Router<ControlRequestContext>) {
        let control = self.control
        router.get("/v1/status") { _, _ in try ControlResponses.json(try await control.status()) }
        router.get("/v1/devices") { _, _ in try ControlResponses.json(DevicesReport(devices: try await control.devices())) }
        router.get("/v1/sessions") { _, _ in try ControlResponses.json(try await control.sessions()) }
        router.get("/v1/queue") { _, _ in try ControlResponses.json(try await control.queue()) }
        router.post("/v1/maintenance") { request, context in
            let body = try await ControlRequestBody.decode(MaintenanceRequest.self, from: request, upTo: self.maxBodyBytes)
            let reason = try Self.validatedReason(body.reason)
            return try ControlResponses.json(try await control.setMaintenance(body.enabled, reason: reason, requestedBy: await context.peer()))
        }
        router.post("/v1/diagnostics") { request, _ in
            let body = try await ControlRequestBody.decode(DiagnosticRequestBody.self, from: request, upTo: self.maxBodyBytes, allowEmpty: true)
            let diagnostics = DiagnosticRequest(level: body?.level ?? .internal, roles: body?.roles ?? DeviceRole.allCases)
            return ControlResponses.stream(heartbeat: self.heartbeat) { (progress: @escaping @Sendable (DiagnosticReport.Entry) async -> Void) in
                try await control.runDiagnostics(diagnostics, onEntry: progress)
            }
        }
        router.post("/v1/queue/flush") { _, _ in
            ControlResponses.stream(heartbeat: self.heartbeat) { (progress: @escaping @Sendable (QueueFlushProgress) async -> Void) in
                try await control.flushQueue(progress: progress)
            }
        }
    }

    /// The reason trimmed, `nil` when blank; refuses control characters (they would forge log
    /// lines) and overlong text.
    static func validatedReason(_ reason: String?) throws(ControlError) -> String? {
        guard let trimmed = reason?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        guard trimmed.count <= MaintenanceRequest.maximumReasonLength else {
            throw .badRequest("the reason has \(trimmed.count) characters; at most \(MaintenanceRequest.maximumReasonLength) are allowed")
        }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .badRequest("the reason must be one line of text without control characters")
        }
        return trimmed
    }
}

/// `POST /v1/diagnostics`'s body, every field optional (default: internal level, every role).
struct DiagnosticRequestBody: Decodable {
    var level: DiagnosticLevel?
    var roles: [DeviceRole]?
}
