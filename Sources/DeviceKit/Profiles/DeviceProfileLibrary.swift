import Foundation

/// Every profile in a `DeviceProfiles/` directory, plus the errors of the files that failed.
///
/// A broken file never stops the others from loading: the daemon logs each error as
/// `file:line: key: what is wrong` and runs with the profiles that are valid.
public struct DeviceProfileLibrary: Sendable {
    /// The valid profiles, sorted by id.
    public var profiles: [DeviceProfile]
    /// One error per file that failed.
    public var errors: [ProfileError]

    /// A library of given profiles (a daemon's selection, a test's set).
    public init(profiles: [DeviceProfile], errors: [ProfileError] = []) {
        self.profiles = profiles
        self.errors = errors
    }

    /// Loads every `*.yaml` file in a directory.
    public static func load(directory: URL) -> DeviceProfileLibrary {
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "yaml" || $0.pathExtension == "yml" }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            return DeviceProfileLibrary(
                profiles: [],
                errors: [ProfileError(file: directory.path, line: 0, key: "", message: "cannot read the profile directory: \(error.localizedDescription)")])
        }
        var profiles: [DeviceProfile] = []
        var errors: [ProfileError] = []
        for file in files {
            let name = "DeviceProfiles/\(file.lastPathComponent)"
            guard let data = try? Data(contentsOf: file), let text = String(data: data, encoding: .utf8) else {
                errors.append(ProfileError(file: name, line: 0, key: "", message: "not readable as UTF-8 text"))
                continue
            }
            do {
                profiles.append(try DeviceProfile(yaml: text, file: name))
            } catch {
                errors.append(error)
            }
        }
        return DeviceProfileLibrary(profiles: profiles, errors: errors)
    }

    /// The profile with an id.
    public subscript(id: String) -> DeviceProfile? { self.profiles.first { $0.id == id } }

    /// The profiles that match a discovered device.
    public func profiles(matching device: UdevDevice) -> [DeviceProfile] {
        self.profiles.filter { $0.match.matches(device) }
    }
}
