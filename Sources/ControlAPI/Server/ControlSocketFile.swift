#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The control socket's file: checks before binding (a live daemon, something that is not a
/// socket, a path too long), and the access control after (mode and group), since the file's
/// permissions are what decides who may talk to the daemon.
enum ControlSocketFile {
    /// `sizeof(sun_path) - 1`.
    static var maximumPathLength: Int { MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1 }

    /// The id of a group by name.
    static func groupID(named name: String) throws(ControlServerError) -> gid_t {
        var group = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        let status = getgrnam_r(name, &group, &buffer, buffer.count, &result)
        guard status == 0, result != nil else { throw .unknownGroup(name) }
        return group.gr_gid
    }

    /// Whether this process may give a file to a group (root, or a member of it).
    static func mayChangeGroup(to gid: gid_t) -> Bool {
        if geteuid() == 0 || getegid() == gid { return true }
        let count = getgroups(0, nil)
        guard count > 0 else { return false }
        var groups = [gid_t](repeating: 0, count: Int(count))
        let filled = getgroups(count, &groups)
        return groups.prefix(Int(max(0, filled))).contains(gid)
    }

    /// Prepares the path for binding: creates the folder if missing (mode 0755), refuses a
    /// live daemon's socket or a file that is not a socket, and removes a stale socket.
    static func prepare(path: String) throws(ControlServerError) {
        guard path.utf8.count <= self.maximumPathLength else { throw .pathTooLong(path: path, limit: self.maximumPathLength) }
        let folder = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !folder.isEmpty {
            var info = stat()
            if stat(folder, &info) != 0 {
                guard errno == ENOENT else { throw .fileSystem(path: folder, operation: "inspect", errno: errno) }
                guard mkdir(folder, 0o755) == 0 || errno == EEXIST else { throw .fileSystem(path: folder, operation: "create", errno: errno) }
            }
        }
        var info = stat()
        guard lstat(path, &info) == 0 else {
            guard errno == ENOENT else { throw .fileSystem(path: path, operation: "inspect", errno: errno) }
            return
        }
        guard info.st_mode & S_IFMT == S_IFSOCK else { throw .notASocket(path: path) }
        if self.answers(path: path) { throw .alreadyRunning(path: path) }
        guard unlink(path) == 0 || errno == ENOENT else { throw .fileSystem(path: path, operation: "remove the stale socket", errno: errno) }
    }

    /// Sets the socket's mode and group.
    static func restrict(path: String, mode: mode_t, group: gid_t?) throws(ControlServerError) {
        if let group {
            guard chown(path, uid_t.max, group) == 0 else { throw .fileSystem(path: path, operation: "change the group of", errno: errno) }
        }
        guard chmod(path, mode) == 0 else { throw .fileSystem(path: path, operation: "change the mode of", errno: errno) }
    }

    /// The socket's inode, to remove only our own socket at shutdown.
    static func inode(of path: String) -> ino_t? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFSOCK else { return nil }
        return info.st_ino
    }

    /// Removes the socket if it is still the one this server bound.
    static func remove(path: String, inode: ino_t?) {
        guard let inode, self.inode(of: path) == inode else { return }
        unlink(path)
    }

    /// Whether something accepts connections on the socket.
    static func answers(path: String) -> Bool {
        UnixSocketProbe.errorConnecting(to: path) == 0
    }
}
