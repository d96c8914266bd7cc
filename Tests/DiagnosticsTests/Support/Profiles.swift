import DeviceKit
import Foundation
import KioskTestSupport
import Testing

/// The shipped device profiles (`DeviceProfiles/`).
enum Profiles {
    static let library = DeviceProfileLibrary.load(directory: Fixtures.repositoryRoot.appendingPathComponent("DeviceProfiles"))

    static func profile(_ id: String) throws -> DeviceProfile {
        try #require(self.library[id], "profile \(id)")
    }

    static func receiptPrinter(_ id: String) throws -> ReceiptPrinterCapabilities {
        guard case .receiptPrinter(let capabilities) = try self.profile(id).capabilities else { throw ProfileMismatch(id: id) }
        return capabilities
    }

    struct ProfileMismatch: Error { let id: String }
}
