// Audible queue calls (R16): the words of domain/call_text.h spoken by espeak-ng in Kazakh or
// Russian, as WAV files kept in a cache directory so that a board replays a call without
// running the synthesizer again.
//
// espeak-ng runs as a child process started with posix_spawnp and an argv array — never
// through a shell — as `espeak-ng -v kk|ru -w <temp file> -- <text>`: the text is one argument
// after "--", so neither a shell nor espeak-ng's own option parser ever reads it as anything
// but words. The child is killed (SIGKILL) when it runs longer than `timeout_ms`.
//
// Cache: one file per (language, text), named by SHA-256 of the two ("<hex>.wav"). espeak-ng
// writes a temporary file in the same directory; it is checked (RIFF/WAVE header, some audio)
// and renamed into place, so a reader — in this process or another sharing the directory —
// sees a whole file or none. A hit refreshes the file's modification time; when a new file
// makes more than `max_files`, the least recently used ones are removed. Callers in several
// threads asking for the same words wait for one synthesis.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>

#include "core/status.h"

namespace tereze::voice {

// The longest text spoken, in bytes of UTF-8 (a call is about 60 characters).
inline constexpr size_t kMaxSpeechTextBytes = 200;

class SpeechCache {
 public:
  struct Options {
    std::string dir;  // created when missing
    size_t max_files = 2000;
    int timeout_ms = 5000;
    std::string espeak = "espeak-ng";  // a path, or a name looked up in PATH
  };

  explicit SpeechCache(Options options);

  // The WAV (RIFF/WAVE, 16-bit PCM mono as espeak-ng writes it) of `text` spoken in `lang`.
  // Malformed("unsupported_language"): `lang` is not "kk" or "ru".
  // Malformed("invalid_speech_text"): empty, not UTF-8, or with control characters.
  // Refused("text_too_long"): more than kMaxSpeechTextBytes bytes.
  // Unavailable("speech_unavailable"): espeak-ng is missing, failed, timed out or wrote no
  //   valid WAV; the board shows the call without sound.
  // Internal: the cache directory cannot be written or read.
  // Thread-safe.
  Status Wav(const std::string& lang, const std::string& text, std::string* wav_bytes);

  // How many times espeak-ng ran successfully in this object (for tests and metrics).
  uint64_t syntheses() const;

  // The cache file of (lang, text): "<dir>/<sha256 hex>.wav".
  std::string PathFor(const std::string& lang, const std::string& text) const;

 private:
  Status Synthesize(const std::string& lang, const std::string& text, const std::string& path,
                    std::string* wav_bytes);
  void Evict();

  Options options_;
  mutable std::mutex mu_;
  std::condition_variable done_;
  std::set<std::string> in_flight_;  // keys being synthesized now
  uint64_t syntheses_ = 0;
};

// Reads a RIFF/WAVE header: true when it is one with a "fmt " chunk and a "data" chunk, with
// the audio's length in milliseconds (from the data size and the byte rate).
bool ParseWavDuration(const std::string& wav, int64_t* duration_ms);

}  // namespace tereze::voice
