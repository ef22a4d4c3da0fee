// `probe <url>`: a health check that needs nothing in the image but the
// launcher (no curl, no shell): tcp://HOST:PORT is healthy when the port
// accepts a connection, http://HOST:PORT/PATH when the answer's status is
// 2xx or 3xx, both within RELEASE_PROBE_TIMEOUT seconds (default 1, the
// default timeoutSeconds of a Kubernetes probe). Exit status 0 healthy, 1
// not, 2 a bad url or timeout. HOST is an IPv4 address, an IPv6 address in
// brackets, localhost or a name of /etc/hosts: the launcher is static, and
// glibc's resolver in a static program would need the shared NSS modules of
// the glibc it was linked with at run time.
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "launcher.hpp"

namespace launcher {

namespace {

using Clock = std::chrono::steady_clock;

struct Url {
  bool http = false;
  std::string host, path;
  int port = 0;
};

struct Address {
  sockaddr_storage addr;
  socklen_t len;
};

[[noreturn]] void bad_url(const std::string &url, const std::string &why) {
  die(2, "probe: bad url '" + url + "' (" + why + "). Fix: give tcp://HOST:PORT or "
         "http://HOST:PORT/PATH, e.g. http://127.0.0.1:8080/health");
}

Url parse(const std::string &url) {
  Url u;
  std::string rest;
  if (url.rfind("tcp://", 0) == 0) {
    rest = url.substr(6);
  } else if (url.rfind("http://", 0) == 0) {
    u.http = true;
    rest = url.substr(7);
  } else {
    bad_url(url, "the scheme must be tcp:// or http://");
  }
  const size_t slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  u.path = slash == std::string::npos ? "/" : rest.substr(slash);
  if (!u.http && u.path != "/") bad_url(url, "a tcp:// url has no path");
  if (u.path.find_first_of(" \t\r\n") != std::string::npos) bad_url(url, "the path has white space");
  size_t colon = authority.rfind(':');
  if (!authority.empty() && authority[0] == '[') {
    const size_t close = authority.find(']');
    if (close == std::string::npos) bad_url(url, "an IPv6 address needs its closing ']'");
    u.host = authority.substr(1, close - 1);
    colon = close + 1 < authority.size() && authority[close + 1] == ':' ? close + 1 : std::string::npos;
    if (colon == std::string::npos && close + 1 != authority.size()) bad_url(url, "text after ']'");
  } else {
    u.host = authority.substr(0, colon);
  }
  if (u.host.empty()) bad_url(url, "no host");
  if (colon == std::string::npos) {
    if (!u.http) bad_url(url, "no port");
    u.port = 80;
  } else {
    const std::string port = authority.substr(colon + 1);
    if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
        std::atoi(port.c_str()) < 1 || std::atoi(port.c_str()) > 65535)
      bad_url(url, "the port must be a number from 1 to 65535");
    u.port = std::atoi(port.c_str());
  }
  return u;
}

bool numeric(const std::string &host, int port, Address *out) {
  std::memset(out, 0, sizeof *out);
  auto *v4 = reinterpret_cast<sockaddr_in *>(&out->addr);
  auto *v6 = reinterpret_cast<sockaddr_in6 *>(&out->addr);
  if (inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(static_cast<uint16_t>(port));
    out->len = sizeof *v4;
    return true;
  }
  if (inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(static_cast<uint16_t>(port));
    out->len = sizeof *v6;
    return true;
  }
  return false;
}

std::vector<Address> resolve(const std::string &host, int port) {
  std::vector<Address> out;
  Address a;
  if (numeric(host, port, &a)) return {a};
  for (const std::string &line : lines_of(read_text("/etc/hosts"))) {
    // "address name..." up to a '#'.
    std::vector<std::string> words;
    const std::string text = line.substr(0, line.find('#'));
    for (size_t at = 0; (at = text.find_first_not_of(" \t\r", at)) != std::string::npos;) {
      const size_t end = text.find_first_of(" \t\r", at);
      words.push_back(text.substr(at, end == std::string::npos ? end : end - at));
      at = end;
    }
    for (size_t i = 1; i < words.size(); ++i)
      if (words[i] == host && numeric(words[0], port, &a)) out.push_back(a);
  }
  if (out.empty() && host == "localhost") {
    numeric("127.0.0.1", port, &a);
    out.push_back(a);
    numeric("::1", port, &a);
    out.push_back(a);
  }
  return out;
}

int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

// Waits until <fd> is ready for <events> or the deadline passes.
bool wait_for(int fd, short events, Clock::time_point deadline) {
  pollfd p{fd, events, 0};
  for (;;) {
    const int n = poll(&p, 1, remaining_ms(deadline));
    if (n > 0) return true;
    if (n == 0 || errno != EINTR) return false;
  }
}

// A connected socket, or -1 (with <why> set).
int connect_to(const Address &a, Clock::time_point deadline, std::string *why) {
  const int fd = socket(a.addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    *why = std::strerror(errno);
    return -1;
  }
  if (connect(fd, reinterpret_cast<const sockaddr *>(&a.addr), a.len) != 0) {
    if (errno != EINPROGRESS) {
      *why = std::strerror(errno);
      close(fd);
      return -1;
    }
    int err = 0;
    socklen_t len = sizeof err;
    if (!wait_for(fd, POLLOUT, deadline)) {
      *why = "timed out";
      close(fd);
      return -1;
    }
    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err != 0) {
      *why = std::strerror(err);
      close(fd);
      return -1;
    }
  }
  return fd;
}

// The status code of the answer to GET <path>, or 0 (with <why> set).
int http_status(int fd, const Url &u, Clock::time_point deadline, std::string *why) {
  const std::string host = u.host.find(':') != std::string::npos ? "[" + u.host + "]" : u.host;
  const std::string request = "GET " + u.path + " HTTP/1.0\r\nHost: " + host + ":" +
                              std::to_string(u.port) +
                              "\r\nUser-Agent: cmake-release-probe\r\nConnection: close\r\n\r\n";
  for (size_t done = 0; done < request.size();) {
    const ssize_t n = send(fd, request.data() + done, request.size() - done, MSG_NOSIGNAL);
    if (n < 0 && (errno == EAGAIN || errno == EINTR) && wait_for(fd, POLLOUT, deadline)) continue;
    if (n <= 0) {
      *why = n < 0 ? std::strerror(errno) : "connection closed";
      return 0;
    }
    done += static_cast<size_t>(n);
  }
  std::string answer;
  while (answer.find('\n') == std::string::npos && answer.size() < 4096) {
    if (!wait_for(fd, POLLIN, deadline)) {
      *why = "no answer in time";
      return 0;
    }
    char buf[1024];
    const ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (n <= 0) break;
    answer.append(buf, static_cast<size_t>(n));
  }
  // "HTTP/1.x NNN reason"
  if (answer.rfind("HTTP/", 0) != 0 || answer.find(' ') == std::string::npos) {
    *why = "the answer is not HTTP";
    return 0;
  }
  return std::atoi(answer.c_str() + answer.find(' ') + 1);
}

}  // namespace

int cmd_probe(const Args &args) {
  if (args.size() != 1)
    die(2, "probe needs one url: tcp://HOST:PORT or http://HOST:PORT/PATH (see '" + run.prog + " help')");
  const Url u = parse(args[0]);
  const std::string t = env("RELEASE_PROBE_TIMEOUT").empty() ? "1" : env("RELEASE_PROBE_TIMEOUT");
  char *end = nullptr;
  const double seconds = std::strtod(t.c_str(), &end);
  if (*end != '\0' || !(seconds > 0) || seconds > 3600)
    die(2, "probe: RELEASE_PROBE_TIMEOUT must be a number of seconds above 0 (at most 3600), not '" +
               t + "'. Fix: set it to e.g. 2, or unset it for 1");
  const auto deadline = Clock::now() + std::chrono::milliseconds(static_cast<long>(seconds * 1000));
  const std::vector<Address> addresses = resolve(u.host, u.port);
  if (addresses.empty())
    die(1, "probe: cannot resolve '" + u.host + "' (numeric addresses, localhost and names in "
           "/etc/hosts only)");
  std::string why;
  for (const Address &a : addresses) {
    const int fd = connect_to(a, deadline, &why);
    if (fd < 0) continue;
    if (!u.http) {
      close(fd);
      return 0;
    }
    const int status = http_status(fd, u, deadline, &why);
    close(fd);
    if (status >= 200 && status < 400) return 0;
    if (status != 0) why = "status " + std::to_string(status);
    die(1, "probe: " + args[0] + ": " + why);
  }
  die(1, "probe: " + args[0] + ": " + why);
}

}  // namespace launcher
