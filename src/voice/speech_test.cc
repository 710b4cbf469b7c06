#include "voice/speech.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>
#include <vector>

#include "domain/call_text.h"

namespace tereze::voice {
namespace {

namespace fs = std::filesystem;

// A fresh directory under /tmp, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "tereze-speech-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) ADD_FAILURE() << "mkdtemp";
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (fs::path(path_) / name).string(); }

 private:
  std::string path_;
};

size_t FileCount(const std::string& dir) {
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir)) n += e.is_regular_file();
  return n;
}

SpeechCache::Options InDir(const std::string& dir) {
  SpeechCache::Options o;
  o.dir = dir;
  return o;
}

TEST(Speech, KazakhAndRussianCallsAreWavsWithAudioR16) {
  TempDir dir;
  SpeechCache cache(InDir(dir.path() + "/cache"));  // created when missing
  std::string kk, ru;
  Status s = cache.Wav("kk", domain::CallText("kk", "A015", 5), &kk);
  ASSERT_TRUE(s.ok()) << s.ToString();
  s = cache.Wav("ru", domain::CallText("ru", "A015", 5), &ru);
  ASSERT_TRUE(s.ok()) << s.ToString();
  for (const std::string* wav : {&kk, &ru}) {
    ASSERT_GT(wav->size(), 44u);
    EXPECT_EQ(wav->substr(0, 4), "RIFF");
    EXPECT_EQ(wav->substr(8, 4), "WAVE");
    int64_t ms = 0;
    ASSERT_TRUE(ParseWavDuration(*wav, &ms));
    EXPECT_GT(ms, 500) << "a call is more than half a second of speech";
    EXPECT_LT(ms, 15000);
  }
  EXPECT_NE(kk, ru);
  EXPECT_EQ(cache.syntheses(), 2u);
}

TEST(Speech, SecondCallIsServedFromTheCache) {
  TempDir dir;
  SpeechCache cache(InDir(dir.path()));
  std::string text = domain::CallText("ru", "B007", 3);
  std::string first, second;
  ASSERT_TRUE(cache.Wav("ru", text, &first).ok());
  EXPECT_EQ(FileCount(dir.path()), 1u) << "one cached file, no temporary left behind";
  EXPECT_TRUE(fs::exists(cache.PathFor("ru", text)));

  struct stat before {
  }, after{};
  ASSERT_EQ(::stat(cache.PathFor("ru", text).c_str(), &before), 0);
  ASSERT_TRUE(cache.Wav("ru", text, &second).ok());
  EXPECT_EQ(first, second);
  EXPECT_EQ(cache.syntheses(), 1u) << "espeak-ng ran once";
  EXPECT_EQ(FileCount(dir.path()), 1u);
  ASSERT_EQ(::stat(cache.PathFor("ru", text).c_str(), &after), 0);
  EXPECT_EQ(before.st_ino, after.st_ino) << "the cached file was read, not written again";

  // Another cache over the same directory (another process) finds it too, and the same
  // words in the other language are another file.
  SpeechCache other(InDir(dir.path()));
  std::string third;
  ASSERT_TRUE(other.Wav("ru", text, &third).ok());
  EXPECT_EQ(third, first);
  EXPECT_EQ(other.syntheses(), 0u);
  ASSERT_TRUE(other.Wav("kk", text, &third).ok());
  EXPECT_EQ(other.syntheses(), 1u);
  EXPECT_EQ(FileCount(dir.path()), 2u);
}

TEST(Speech, MissingOrFailingEspeakIsSpeechUnavailable) {
  TempDir dir;
  for (const char* binary : {"/nonexistent/espeak-ng", "tereze-no-such-espeak-ng", "/bin/false"}) {
    SpeechCache::Options o = InDir(dir.path());
    o.espeak = binary;
    SpeechCache cache(o);
    std::string wav;
    Status s = cache.Wav("kk", "Талон А 1, бірінші терезеге келіңіз", &wav);
    EXPECT_EQ(s.kind(), Status::Kind::kUnavailable) << binary;
    EXPECT_EQ(s.code(), "speech_unavailable") << binary;
    EXPECT_TRUE(wav.empty());
  }
  EXPECT_EQ(FileCount(dir.path()), 0u) << "nothing cached, no temporary left behind";
}

TEST(Speech, EspeakThatHangsIsKilledAfterTheTimeout) {
  TempDir dir;
  std::string script = dir / "slow-espeak";
  {
    std::ofstream out(script);
    out << "#!/bin/sh\nexec sleep 30\n";
  }
  ::chmod(script.c_str(), 0755);
  SpeechCache::Options o = InDir(dir / "cache");
  o.espeak = script;
  o.timeout_ms = 200;
  SpeechCache cache(o);
  std::string wav;
  auto start = std::chrono::steady_clock::now();
  Status s = cache.Wav("ru", "Талон А 1, окно 1", &wav);
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(s.code(), "speech_unavailable");
  EXPECT_LT(took, std::chrono::seconds(5));
  EXPECT_EQ(FileCount(dir / "cache"), 0u);
}

TEST(Speech, ShellMetacharactersAreSpokenNotExecuted) {
  TempDir dir;
  fs::create_directories(dir / "x");
  std::ofstream(dir / "x/keep") << "still here";
  SpeechCache cache(InDir(dir / "cache"));
  const std::string texts[] = {
      "\"; rm -rf " + dir.path() + "/x; echo \"",
      "'; rm -rf " + dir.path() + "/x; echo '",
      "$(touch " + dir.path() + "/pwned) `touch " + dir.path() + "/pwned` | & > <",
      // Begins with "-": still words, not an espeak-ng option.
      "-w " + dir.path() + "/pwned.wav Талон",
  };
  for (const std::string& text : texts) {
    std::string wav;
    Status s = cache.Wav("ru", text, &wav);
    ASSERT_TRUE(s.ok()) << text << ": " << s.ToString();
    int64_t ms = 0;
    ASSERT_TRUE(ParseWavDuration(wav, &ms));
    EXPECT_GT(ms, 500) << text;
  }
  EXPECT_TRUE(fs::exists(dir / "x/keep"));
  EXPECT_FALSE(fs::exists(dir / "pwned"));
  EXPECT_FALSE(fs::exists(dir / "pwned.wav"));
  EXPECT_EQ(cache.syntheses(), 4u);
}

TEST(Speech, RefusesOtherLanguagesLongAndUnspeakableTexts) {
  TempDir dir;
  SpeechCache cache(InDir(dir.path()));
  std::string wav;
  EXPECT_EQ(cache.Wav("en", "Ticket A 15", &wav).code(), "unsupported_language");
  EXPECT_EQ(cache.Wav("", "Талон", &wav).code(), "unsupported_language");
  std::string long_text(kMaxSpeechTextBytes + 1, 'a');
  Status s = cache.Wav("ru", long_text, &wav);
  EXPECT_EQ(s.code(), "text_too_long");
  EXPECT_EQ(s.kind(), Status::Kind::kRefused);
  EXPECT_EQ(cache.Wav("ru", "", &wav).code(), "invalid_speech_text");
  EXPECT_EQ(cache.Wav("ru", "Талон\nА 1", &wav).code(), "invalid_speech_text");
  EXPECT_EQ(cache.Wav("ru", "Талон \xff", &wav).code(), "invalid_speech_text");
  EXPECT_EQ(cache.Wav("ru", "\xd0", &wav).code(), "invalid_speech_text");
  EXPECT_EQ(cache.syntheses(), 0u);
  // 200 bytes exactly (22 × "окно " of 9 bytes, then one Cyrillic letter) is spoken.
  std::string longest;
  for (int i = 0; i < 22; ++i) longest += "окно ";
  longest += "а";
  ASSERT_EQ(longest.size(), kMaxSpeechTextBytes);
  Status ok = cache.Wav("ru", longest, &wav);
  EXPECT_TRUE(ok.ok()) << ok.ToString();
}

TEST(Speech, EvictsTheLeastRecentlyUsedBeyondMaxFiles) {
  TempDir dir;
  SpeechCache::Options o = InDir(dir.path());
  o.max_files = 2;
  SpeechCache cache(o);
  std::string wav;
  ASSERT_TRUE(cache.Wav("kk", "бір", &wav).ok());
  ASSERT_TRUE(cache.Wav("kk", "екі", &wav).ok());
  auto now = fs::file_time_type::clock::now();
  fs::last_write_time(cache.PathFor("kk", "бір"), now - std::chrono::seconds(100));
  fs::last_write_time(cache.PathFor("kk", "екі"), now - std::chrono::seconds(50));
  ASSERT_TRUE(cache.Wav("kk", "бір", &wav).ok());  // a hit: now the most recently used
  EXPECT_EQ(cache.syntheses(), 2u);
  ASSERT_TRUE(cache.Wav("kk", "үш", &wav).ok());
  EXPECT_EQ(FileCount(dir.path()), 2u);
  EXPECT_TRUE(fs::exists(cache.PathFor("kk", "бір")));
  EXPECT_FALSE(fs::exists(cache.PathFor("kk", "екі")));
  EXPECT_TRUE(fs::exists(cache.PathFor("kk", "үш")));
}

TEST(Speech, ConcurrentCallersShareOneSynthesisAndGetWholeFiles) {
  TempDir dir;
  SpeechCache cache(InDir(dir.path()));
  const std::vector<std::string> texts = {domain::CallText("ru", "A001", 1),
                                          domain::CallText("kk", "A001", 1)};
  constexpr int kThreads = 8;
  std::vector<std::string> results(kThreads);
  std::vector<Status> statuses(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      const char* lang = i % 2 == 0 ? "ru" : "kk";
      statuses[i] = cache.Wav(lang, texts[i % 2], &results[i]);
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < kThreads; ++i) {
    ASSERT_TRUE(statuses[i].ok()) << statuses[i].ToString();
    EXPECT_EQ(results[i], results[i % 2]);
    int64_t ms = 0;
    EXPECT_TRUE(ParseWavDuration(results[i], &ms));
  }
  EXPECT_EQ(cache.syntheses(), 2u);
  EXPECT_EQ(FileCount(dir.path()), 2u);
}

TEST(Speech, WavHeaderParsing) {
  int64_t ms = 0;
  EXPECT_FALSE(ParseWavDuration("", &ms));
  EXPECT_FALSE(ParseWavDuration(std::string("RIFF\0\0\0\0WAVE", 12), &ms));
  EXPECT_FALSE(ParseWavDuration(std::string(100, 'x'), &ms));
  // 16-bit mono at 8000 Hz (16,000 bytes a second): 8,000 bytes of data is half a second.
  std::string h = "RIFF";
  auto le32 = [&](uint32_t v) {
    for (int i = 0; i < 4; ++i) h += static_cast<char>(v >> (8 * i) & 0xFF);
  };
  auto le16 = [&](uint16_t v) {
    h += static_cast<char>(v & 0xFF);
    h += static_cast<char>(v >> 8);
  };
  le32(36 + 8000);
  h += "WAVEfmt ";
  le32(16);
  le16(1);
  le16(1);
  le32(8000);
  le32(16000);
  le16(2);
  le16(16);
  h += "data";
  le32(8000);
  h += std::string(8000, '\0');
  ASSERT_TRUE(ParseWavDuration(h, &ms));
  EXPECT_EQ(ms, 500);
  // A data size beyond the file counts what the file holds.
  ASSERT_TRUE(ParseWavDuration(h.substr(0, h.size() - 4000), &ms));
  EXPECT_EQ(ms, 250);
}

}  // namespace
}  // namespace tereze::voice
