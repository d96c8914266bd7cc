import KioskCore

extension DeviceListing {
    /// The listing as aligned tables for a terminal: devices, then the profiles reached without
    /// udev, then notes.
    public var table: String {
        var sections: [String] = []
        if self.devices.isEmpty {
            sections.append("No USB serial, USB printer or profiled USB devices found.")
        } else {
            var table = TextTable(headings: ["ROLE", "STATE", "NODE", "USB", "IDENTITY", "PROFILE", "STATUS"])
            for device in self.devices {
                table.append([
                    device.role?.rawValue ?? "-", device.state.rawValue, device.deviceNode ?? device.subsystem, device.usbID,
                    device.identity.description, device.profile ?? "-", device.status,
                ])
            }
            sections.append(table.render())
        }
        if !self.endpoints.isEmpty {
            var table = TextTable(headings: ["ROLE", "REACHED THROUGH", "PROFILE", "MODEL"])
            for endpoint in self.endpoints { table.append([endpoint.role.rawValue, endpoint.reach, endpoint.profile, endpoint.model]) }
            sections.append(table.render())
        }
        let vacant = DeviceRole.allCases.filter { role in
            self.holders[role] == nil && !self.endpoints.contains { $0.role == role }
        }
        if !vacant.isEmpty { sections.append("No device for: " + vacant.map(\.rawValue).joined(separator: ", ")) }
        if !self.notes.isEmpty { sections.append(self.notes.map { "note: \($0)" }.joined(separator: "\n")) }
        return sections.joined(separator: "\n\n")
    }
}

extension DeviceRegistryUpdate.Record {
    /// One line for `onetrip devices --watch`:
    /// `add /dev/ttyUSB1 serial:0403:6001:AL0001: holds idCardReader (moved from /dev/ttyUSB0)`.
    public var line: String {
        var text = "\(self.action) \(self.deviceNode ?? self.syspath ?? "-") \(self.identity.map { "\($0)" } ?? "-")"
        switch self.outcome {
        case "holds": text += ": holds \(self.role?.rawValue ?? "?")"
        case "spare": text += ": spare for \(self.role?.rawValue ?? "?") (not used)"
        case "unknown": text += ": unknown, ignored"
        case "left": text += ": left"
        default: break
        }
        for change in self.changes {
            switch change.kind {
            case .filled: text += "; \(change.role.rawValue) filled"
            case .vacated: text += "; \(change.role.rawValue) vacated"
            case .replaced: text += "; \(change.role.rawValue) now \(change.identity.map { "\($0)" } ?? "?") (was \(change.previousIdentity.map { "\($0)" } ?? "?"))"
            case .moved: text += "; \(change.role.rawValue) moved from \(change.previousDeviceNode ?? "?") to \(change.deviceNode ?? "?")"
            }
        }
        return text
    }
}
