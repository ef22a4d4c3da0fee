#include "server.hpp"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <cstring>
#include <iostream>
#include <optional>
#include <sstream>
#include <thread>

#include "build_info.hpp"
#include "json.hpp"
#include "notes.hpp"
#include "signing.hpp"

namespace exrelease {
namespace {

constexpr std::size_t max_request_body = 64 * 1024;  // httplib answers 413 past this
constexpr std::size_t max_note_bytes = 4096;
constexpr int default_list_limit = 50;
constexpr int max_list_limit = 500;

void send_json(httplib::Response &res, int status, const std::string &json) {
  res.status = status;
  res.set_content(json + "\n", "application/json");
}

void send_error(httplib::Response &res, int status, const std::string &message) {
  send_json(res, status, "{\"error\":" + json_string(message) + "}");
}

std::string note_json(const Note &n, const Signer &signer) {
  return "{\"id\":" + json_string(signer.sign(n.id)) + ",\"body\":" + json_string(n.body) +
         ",\"created_at\":" + json_string(n.created_at) + "}";
}

std::string html_escape(const std::string &s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string media_type(const httplib::Request &req) {
  std::string type = req.get_header_value("Content-Type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (auto &c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type;
}

// The note text of a POST /notes request, or an error already put in res.
std::optional<std::string> note_body(const httplib::Request &req, httplib::Response &res) {
  std::string type = media_type(req);
  std::string body;
  if (type == "application/json") {
    try {
      body = json_string_member(req.body, "body");
    } catch (const JsonError &e) {
      send_error(res, 400, std::string("invalid JSON: ") + e.what());
      return std::nullopt;
    }
  } else if (type == "application/x-www-form-urlencoded") {
    // An HTML form, or `curl -d body=...`: the field "body".
    if (!req.has_param("body")) {
      send_error(res, 400, "the form has no field \"body\"");
      return std::nullopt;
    }
    body = req.get_param_value("body");
  } else if (type.empty() || type == "text/plain") {
    body = req.body;
  } else {
    send_error(res, 415,
               "send the note as text/plain, as application/json {\"body\": \"...\"}, or as a form field body=...");
    return std::nullopt;
  }
  if (!valid_utf8(body)) {
    send_error(res, 400, "the note is not valid UTF-8");
    return std::nullopt;
  }
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) {
    send_error(res, 400, "the note is empty");
    return std::nullopt;
  }
  if (body.size() > max_note_bytes) {
    send_error(res, 413, "a note holds at most " + std::to_string(max_note_bytes) + " bytes");
    return std::nullopt;
  }
  return body;
}

std::string reason_phrase(int status) {
  switch (status) {
    case 400: return "bad request";
    case 404: return "not found";
    case 405: return "method not allowed";
    case 413: return "request body too large";
    case 414: return "URI too long";
    case 415: return "unsupported media type";
    case 503: return "service unavailable";
    default: return status < 500 ? "request refused" : "internal error";
  }
}

void log_db_error(const DbError &e) { std::cerr << "exrelease: database error: " << e.what() << std::endl; }

// Routes. Every handler answers; a database failure is a 503, never a crash.
void add_routes(httplib::Server &svr, NoteStore &store, const Signer &signer) {
  svr.Get("/", [](const httplib::Request &, httplib::Response &res) {
    std::ostringstream html;
    html << "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>"
         << html_escape(build::name) << "</title></head>\n<body>\n<h1>" << html_escape(build::name) << " "
         << html_escape(build::version) << "</h1>\n<p>" << html_escape(build::description) << "</p>\n"
         << "<p>Build type: " << html_escape(build::build_type) << ". Released with cmake-release.</p>\n"
         << "<ul><li><a href=\"/health\">/health</a></li><li><a href=\"/notes\">/notes</a></li></ul>\n"
         << "</body>\n</html>\n";
    res.set_content(html.str(), "text/html; charset=utf-8");
  });

  svr.Get("/health", [&store](const httplib::Request &, httplib::Response &res) {
    Health h = store.health();
    const char *db = store.target().kind == DbKind::sqlite ? "sqlite" : "postgresql";
    if (h.ok)
      send_json(res, 200,
                std::string("{\"status\":\"ok\",\"version\":") + json_string(build::version) +
                    ",\"database\":\"" + db + "\"}");
    else
      send_json(res, 503,
                std::string("{\"status\":\"unavailable\",\"database\":\"") + db + "\",\"reason\":" +
                    json_string(h.detail) + "}");
  });

  svr.Get("/notes", [&store, &signer](const httplib::Request &req, httplib::Response &res) {
    int limit = default_list_limit;
    if (req.has_param("limit")) {
      std::string v = req.get_param_value("limit");
      bool digits = !v.empty() && v.size() <= 4 && v.find_first_not_of("0123456789") == std::string::npos;
      limit = digits ? std::stoi(v) : 0;
      if (limit < 1 || limit > max_list_limit)
        return send_error(res, 400, "limit must be a number from 1 to " + std::to_string(max_list_limit));
    }
    try {
      std::string json = "[";
      for (const auto &n : store.list(limit)) json += (json.size() > 1 ? "," : "") + note_json(n, signer);
      send_json(res, 200, json + "]");
    } catch (const DbError &e) {
      log_db_error(e);
      send_error(res, 503, "database unavailable");
    }
  });

  svr.Post("/notes", [&store, &signer](const httplib::Request &req, httplib::Response &res) {
    auto body = note_body(req, res);
    if (!body) return;
    try {
      Note n = store.create(*body);
      res.set_header("Location", "/notes/" + signer.sign(n.id));
      send_json(res, 201, note_json(n, signer));
    } catch (const DbError &e) {
      log_db_error(e);
      send_error(res, 503, "database unavailable");
    }
  });

  // One note by its signed id: 400 malformed, 403 forged, 404 gone.
  auto by_token = [&signer](const httplib::Request &req, httplib::Response &res) -> std::optional<long long> {
    auto checked = signer.verify(req.matches[1]);
    if (checked.verdict == Signer::Verdict::malformed) {
      send_error(res, 400, "a note id looks like <number>.<signature>");
      return std::nullopt;
    }
    if (checked.verdict == Signer::Verdict::bad_signature) {
      send_error(res, 403, "the note id's signature does not match");
      return std::nullopt;
    }
    return checked.id;
  };

  svr.Get(R"(/notes/([^/]+))", [&store, &signer, by_token](const httplib::Request &req, httplib::Response &res) {
    auto id = by_token(req, res);
    if (!id) return;
    try {
      auto note = store.find(*id);
      if (note)
        send_json(res, 200, note_json(*note, signer));
      else
        send_error(res, 404, "no such note");
    } catch (const DbError &e) {
      log_db_error(e);
      send_error(res, 503, "database unavailable");
    }
  });

  svr.Delete(R"(/notes/([^/]+))", [&store, by_token](const httplib::Request &req, httplib::Response &res) {
    auto id = by_token(req, res);
    if (!id) return;
    try {
      if (store.remove(*id))
        res.status = 204;
      else
        send_error(res, 404, "no such note");
    } catch (const DbError &e) {
      log_db_error(e);
      send_error(res, 503, "database unavailable");
    }
  });

  // Statuses set by httplib itself (404 for unknown paths, 413, 400 for a
  // request it cannot parse) get a JSON body too.
  svr.set_error_handler([](const httplib::Request &, httplib::Response &res) {
    if (res.body.empty()) send_error(res, res.status, reason_phrase(res.status));
  });
  svr.set_exception_handler([](const httplib::Request &req, httplib::Response &res, std::exception_ptr ep) {
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception &e) {
      std::cerr << "exrelease: " << req.method << " " << req.path << " failed: " << e.what() << std::endl;
    } catch (...) {
      std::cerr << "exrelease: " << req.method << " " << req.path << " failed" << std::endl;
    }
    send_error(res, 500, "internal error");
  });
  svr.set_logger([](const httplib::Request &req, const httplib::Response &res) {
    std::cout << req.method << " " << req.path << " " << res.status << std::endl;
  });
}

}  // namespace

int serve(const ServerConfig &config) {
  // Block SIGTERM and SIGINT before any thread starts: every thread inherits
  // the mask, and only the watcher below takes them, with sigwait. Stopping the
  // server is not async-signal-safe, so it must not happen in a signal handler.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  NoteStore store(config.database);
  Signer signer(config.secret_key_base);
  httplib::Server svr;
  add_routes(svr, store, signer);
  svr.set_payload_max_length(max_request_body);
  svr.set_read_timeout(5);
  svr.set_write_timeout(5);
  // An idle keep-alive connection is closed after a second, so a shutdown
  // never waits longer than that for one.
  svr.set_keep_alive_timeout(1);

  Health h = store.health();
  if (!h.ok) std::cerr << "exrelease: warning: the database is not ready yet: " << h.detail << std::endl;

  if (!svr.bind_to_port(config.host, config.port)) {
    std::cerr << "exrelease: cannot listen on " << config.host << ":" << config.port
              << " (address in use, or not an address of this machine?)" << std::endl;
    return 1;
  }

  std::atomic<int> received{0};
  std::atomic<bool> listen_returned{false};
  std::thread watcher([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    received = sig;
    // The signal may come before listen_after_bind() runs; stop() only
    // works on a running server, so wait for it to run (or to have ended).
    while (!listen_returned) {
      if (svr.is_running()) {
        svr.stop();
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  });

  std::cout << build::name << " " << build::version << " listening on http://" << config.host << ":" << config.port
            << " (database: " << store.target().display << ")" << std::endl;
  bool ok = svr.listen_after_bind();  // returns when stopped, after the worker threads finished
  listen_returned = true;
  bool by_signal = received != 0;
  if (!by_signal) pthread_kill(watcher.native_handle(), SIGTERM);  // wake the watcher
  watcher.join();

  if (by_signal) {
    std::cout << build::name << ": received " << (received == SIGINT ? "SIGINT" : "SIGTERM") << ", stopped"
              << std::endl;
    return 0;
  }
  if (!ok) std::cerr << "exrelease: the server stopped unexpectedly" << std::endl;
  return ok ? 0 : 1;
}

}  // namespace exrelease
