import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small HTTP/1.1 server on a loopback address, for tests of downloads.
///
/// It answers `GET` requests one connection at a time: a path of `files` with `200` and the
/// file, a path of `redirects` with `302` to its target, anything else with `404`. It records
/// every requested path, and stops on `stop()` or, at the latest, after `lifetime` seconds, so a
/// test that fails half-way leaves nothing running.
public final class LoopbackServer: @unchecked Sendable {
    /// The address it listens on, e.g. `127.0.0.1`.
    public let host: String
    /// The port the system gave it.
    public let port: UInt16
    private let files: [String: [UInt8]]
    private let redirects: [String: String]
    private let listener: Int32
    private let lock = NSLock()
    private var requested: [String] = []
    private var stopping = false
    private let stopped = DispatchSemaphore(value: 0)

    /// Starts serving `files` and `redirects` (both keyed by path, e.g. `/data/table.csv`) on
    /// `host`, an IPv4 loopback address, at a free port.
    public init(host: String = "127.0.0.1", files: [String: [UInt8]] = [:], redirects: [String: String] = [:],
                lifetime: TimeInterval = 60) throws {
        self.host = host
        self.files = files
        self.redirects = redirects
        #if canImport(Glibc)
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let listener = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard listener >= 0 else { throw Self.failure("socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            close(listener)
            throw Self.failure("inet_pton \(host)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(listener, address, length) == 0 && listen(listener, 8) == 0 && getsockname(listener, address, &length) == 0
            }
        }
        guard bound else {
            close(listener)
            throw Self.failure("bind \(host)")
        }
        self.listener = listener
        port = UInt16(bigEndian: address.sin_port)
        let deadline = Date().addingTimeInterval(lifetime)
        Thread { [self] in serve(until: deadline) }.start()
    }

    /// The URL of `path` on this server.
    public func url(_ path: String) -> URL {
        URL(string: "http://\(host):\(port)\(path)")!
    }

    /// The paths requested so far, in order.
    public var requests: [String] {
        lock.withLock { requested }
    }

    /// Stops listening and waits until the server has stopped.
    public func stop() {
        lock.withLock { stopping = true }
        stopped.wait()
        stopped.signal()
    }

    private func serve(until deadline: Date) {
        while !lock.withLock({ stopping }) && Date() < deadline {
            var ready = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 50) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            answer(client)
            close(client)
        }
        close(listener)
        stopped.signal()
    }

    /// Reads one request from `client` and writes the answer.
    private func answer(_ client: Int32) {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var request: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while request.count < 65_536, !request.ends(with: Array("\r\n\r\n".utf8)) {
            let count = recv(client, &buffer, buffer.count, 0)
            guard count > 0 else { return }
            request += buffer[..<count]
        }
        let line = String(decoding: request, as: UTF8.self).components(separatedBy: "\r\n")[0].split(separator: " ")
        guard line.count == 3, line[0] == "GET" else { return send("400 Bad Request", [:], Array("bad request".utf8), to: client) }
        let path = String(line[1])
        lock.withLock { requested.append(path) }
        if let body = files[path] {
            send("200 OK", ["Content-Type": "application/octet-stream"], body, to: client)
        } else if let target = redirects[path] {
            send("302 Found", ["Location": target], [], to: client)
        } else {
            send("404 Not Found", [:], Array("not found".utf8), to: client)
        }
    }

    private func send(_ status: String, _ headers: [String: String], _ body: [UInt8], to client: Int32) {
        var head = "HTTP/1.1 \(status)\r\nContent-Length: \(body.count)\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        let bytes = Array((head + "\r\n").utf8) + body
        var sent = 0
        while sent < bytes.count {
            #if canImport(Glibc)
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            #else
            let count = bytes[sent...].withUnsafeBytes { Darwin.send(client, $0.baseAddress, $0.count, 0) }
            #endif
            guard count > 0 else { return }
            sent += count
        }
    }

    private static func failure(_ call: String) -> NSError {
        NSError(domain: "LoopbackServer", code: Int(errno), userInfo: [NSLocalizedDescriptionKey: "\(call): \(String(cString: strerror(errno)))"])
    }
}

private extension Array where Element == UInt8 {
    func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}
