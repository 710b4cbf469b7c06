#include "voice/speech.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "core/crypto.h"

extern char** environ;

namespace tereze::voice {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kTempPrefix = ".tmp-";
// A temporary file older than this was left by a process that died mid-synthesis.
constexpr auto kStaleTemp = std::chrono::minutes(10);

// UTF-8 without overlong forms, surrogates or code points above U+10FFFF, and without control
// characters (C0, DEL, C1): the text is words for a loudspeaker.
bool SpeakableUtf8(const std::string& text) {
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    uint32_t cp = 0;
    size_t n = 0;
    if (c < 0x80) {
      cp = c, n = 1;
    } else if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F, n = 2;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F, n = 3;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07, n = 4;
    } else {
      return false;
    }
    if (i + n > text.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      unsigned char cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return false;
    i += n;
  }
  return true;
}

bool ReadWholeFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return false;
  *out = std::move(bytes);
  return true;
}

// A cached file that reads as a whole WAV with some audio in it.
bool ReadCached(const std::string& path, std::string* wav_bytes) {
  std::string bytes;
  int64_t ms = 0;
  if (!ReadWholeFile(path, &bytes) || !ParseWavDuration(bytes, &ms) || ms <= 0) return false;
  // The least recently used file is evicted first: a hit counts as a use.
  ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0);
  *wav_bytes = std::move(bytes);
  return true;
}

uint32_t Le32(const std::string& b, size_t at) {
  return static_cast<uint32_t>(static_cast<unsigned char>(b[at])) |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24;
}

uint16_t Le16(const std::string& b, size_t at) {
  return static_cast<uint16_t>(static_cast<unsigned char>(b[at]) |
                               static_cast<unsigned char>(b[at + 1]) << 8);
}

Status Unavailable(std::string why) {
  return Status::Unavailable("speech_unavailable", std::move(why));
}

// Runs argv[0] (looked up in PATH when it has no "/") with stdin, stdout and stderr on
// /dev/null; kills it after timeout_ms. Ok when it exited with status 0.
Status Run(const std::vector<std::string>& args, int timeout_ms) {
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attr);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  // The child starts with no blocked signals and default handlers, whatever the server's
  // threads block or ignore.
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  for (int sig : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD}) sigaddset(&defaults, sig);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  pid_t pid = -1;
  int err = ::posix_spawnp(&pid, argv[0], &actions, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (err != 0) return Unavailable(args[0] + " cannot be started: " + std::strerror(err));

  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  auto pause = std::chrono::milliseconds(1);
  int status = 0;
  for (;;) {
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) break;
    if (r < 0 && errno != EINTR)
      return Unavailable(std::string("waitpid: ") + std::strerror(errno));
    if (std::chrono::steady_clock::now() >= deadline) {
      ::kill(pid, SIGKILL);
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      return Unavailable(args[0] + " did not finish in " + std::to_string(timeout_ms) + " ms");
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(20));
  }
  if (WIFSIGNALED(status)) {
    return Unavailable(args[0] + " was killed by signal " + std::to_string(WTERMSIG(status)));
  }
  if (WEXITSTATUS(status) != 0) {
    return Unavailable(args[0] + " exited with status " + std::to_string(WEXITSTATUS(status)));
  }
  return Status::Ok();
}

}  // namespace

bool ParseWavDuration(const std::string& wav, int64_t* duration_ms) {
  if (wav.size() < 12 || wav.compare(0, 4, "RIFF") != 0 || wav.compare(8, 4, "WAVE") != 0) {
    return false;
  }
  uint32_t byte_rate = 0;
  bool have_fmt = false;
  size_t at = 12;
  while (at + 8 <= wav.size()) {
    std::string id = wav.substr(at, 4);
    uint32_t size = Le32(wav, at + 4);
    size_t body = at + 8;
    if (id == "fmt ") {
      if (size < 16 || body + 16 > wav.size()) return false;
      uint16_t format = Le16(wav, body);
      if (format != 1) return false;  // PCM, as espeak-ng writes
      byte_rate = Le32(wav, body + 8);
      have_fmt = byte_rate > 0;
    } else if (id == "data") {
      if (!have_fmt) return false;
      // A header written before the audio's length was known says more than the file holds.
      uint64_t data = std::min<uint64_t>(size, wav.size() - body);
      *duration_ms = static_cast<int64_t>(data * 1000 / byte_rate);
      return true;
    }
    at = body + size + (size & 1);  // chunks are padded to an even size
  }
  return false;
}

SpeechCache::SpeechCache(Options options) : options_(std::move(options)) {
  std::error_code ec;
  if (!options_.dir.empty()) fs::create_directories(options_.dir, ec);
}

uint64_t SpeechCache::syntheses() const {
  std::lock_guard lock(mu_);
  return syntheses_;
}

std::string SpeechCache::PathFor(const std::string& lang, const std::string& text) const {
  // lang is "kk" or "ru": the NUL cannot occur in it, so (lang, text) maps to one string.
  return (fs::path(options_.dir) / (Sha256Hex(lang + std::string(1, '\0') + text) + ".wav"))
      .string();
}

Status SpeechCache::Wav(const std::string& lang, const std::string& text, std::string* wav_bytes) {
  if (lang != "kk" && lang != "ru") {
    return Status::Malformed("unsupported_language", "calls are spoken in kk or ru");
  }
  if (text.size() > kMaxSpeechTextBytes) {
    return Status::Refused("text_too_long", "a spoken text is at most " +
                                                std::to_string(kMaxSpeechTextBytes) + " bytes");
  }
  if (text.empty() || !SpeakableUtf8(text)) {
    return Status::Malformed("invalid_speech_text",
                             "a spoken text is non-empty UTF-8 without control characters");
  }
  if (options_.dir.empty()) return Status::Internal("speech cache directory not configured");

  std::string path = PathFor(lang, text);
  if (ReadCached(path, wav_bytes)) return Status::Ok();
  {
    // One synthesis per key: others asking for the same words wait for it and read the file.
    std::unique_lock lock(mu_);
    while (in_flight_.count(path) > 0) {
      done_.wait(lock);
      lock.unlock();
      if (ReadCached(path, wav_bytes)) return Status::Ok();
      lock.lock();
    }
    in_flight_.insert(path);
  }
  // It may have been written between the first look and taking the key.
  Status s = ReadCached(path, wav_bytes) ? Status::Ok() : Synthesize(lang, text, path, wav_bytes);
  std::lock_guard lock(mu_);
  in_flight_.erase(path);
  done_.notify_all();
  return s;
}

Status SpeechCache::Synthesize(const std::string& lang, const std::string& text,
                               const std::string& path, std::string* wav_bytes) {
  std::error_code ec;
  fs::create_directories(options_.dir, ec);
  if (ec) return Status::Internal("speech cache directory: " + ec.message());
  std::string name =
      std::string(kTempPrefix) + fs::path(path).stem().string() + "-" + RandomHex(8) + ".wav";
  std::string temp = (fs::path(options_.dir) / name).string();
  // "--": the text is never an option, even when it starts with "-".
  Status s = Run({options_.espeak, "-v", lang, "-w", temp, "--", text}, options_.timeout_ms);
  std::string bytes;
  int64_t ms = 0;
  if (s.ok() && (!ReadWholeFile(temp, &bytes) || !ParseWavDuration(bytes, &ms) || ms <= 0)) {
    s = Unavailable(options_.espeak + " wrote no audio");
  }
  if (s.ok() && ::rename(temp.c_str(), path.c_str()) != 0) {
    s = Status::Internal("speech cache: rename: " + std::string(std::strerror(errno)));
  }
  if (!s.ok()) {
    fs::remove(temp, ec);
    return s;
  }
  *wav_bytes = std::move(bytes);
  std::lock_guard lock(mu_);
  ++syntheses_;
  Evict();
  return Status::Ok();
}

// Called with mu_ held after a new file: keeps at most max_files, the most recently used;
// clears temporary files left by a process that died.
void SpeechCache::Evict() {
  struct Entry {
    fs::file_time_type at;
    fs::path path;
  };
  std::vector<Entry> files;
  std::error_code ec;
  auto now = fs::file_time_type::clock::now();
  for (auto it = fs::directory_iterator(options_.dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    std::error_code fec;
    if (!it->is_regular_file(fec)) continue;
    std::string name = it->path().filename().string();
    fs::file_time_type at = it->last_write_time(fec);
    if (fec) continue;  // removed meanwhile
    if (name.starts_with(kTempPrefix)) {
      if (now - at > kStaleTemp) fs::remove(it->path(), fec);
      continue;
    }
    if (name.size() == 64 + 4 && name.ends_with(".wav")) files.push_back({at, it->path()});
  }
  if (files.size() <= options_.max_files) return;
  size_t extra = files.size() - options_.max_files;
  std::nth_element(files.begin(), files.begin() + static_cast<std::ptrdiff_t>(extra - 1),
                   files.end(), [](const Entry& a, const Entry& b) { return a.at < b.at; });
  for (size_t i = 0; i < extra; ++i) fs::remove(files[i].path, ec);
}

}  // namespace tereze::voice
