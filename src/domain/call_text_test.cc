#include "domain/call_text.h"

#include <gtest/gtest.h>

namespace tereze::domain {
namespace {

TEST(CallText, KazakhCallSpellsTheOrdinalWindowR16) {
  EXPECT_EQ(CallText("kk", "A015", 5), "Талон А 15, бесінші терезеге келіңіз");
  EXPECT_EQ(CallText("kk", "A015", 1), "Талон А 15, бірінші терезеге келіңіз");
  EXPECT_EQ(CallText("kk", "A015", 10), "Талон А 15, оныншы терезеге келіңіз");
  EXPECT_EQ(CallText("kk", "A015", 21), "Талон А 15, жиырма бірінші терезеге келіңіз");
}

TEST(CallText, RussianCallNamesTheWindowR16) {
  EXPECT_EQ(CallText("ru", "A015", 5), "Талон А 15, окно 5");
  EXPECT_EQ(CallText("ru", "A015", 1), "Талон А 15, окно 1");
  EXPECT_EQ(CallText("ru", "A015", 10), "Талон А 15, окно 10");
  EXPECT_EQ(CallText("ru", "A015", 21), "Талон А 15, окно 21");
}

TEST(CallText, NumberLosesItsLeadingZerosWhenSpoken) {
  EXPECT_EQ(CallText("ru", "A001", 3), "Талон А 1, окно 3");
  EXPECT_EQ(CallText("ru", "A100", 3), "Талон А 100, окно 3");
  EXPECT_EQ(CallText("ru", "A000", 3), "Талон А 0, окно 3");
  EXPECT_EQ(CallText("kk", "A001", 3), "Талон А 1, үшінші терезеге келіңіз");
  EXPECT_EQ(CallText("kk", "A100", 3), "Талон А 100, үшінші терезеге келіңіз");
}

TEST(CallText, LatinSeriesIsSpokenAsTheCyrillicLettersName) {
  EXPECT_EQ(CallText("ru", "B007", 2), "Талон бэ 7, окно 2");
  EXPECT_EQ(CallText("ru", "C007", 2), "Талон вэ 7, окно 2");
  EXPECT_EQ(CallText("ru", "D007", 2), "Талон гэ 7, окно 2");
  EXPECT_EQ(CallText("kk", "E007", 2), "Талон дэ 7, екінші терезеге келіңіз");
  // Lower case and a series already in Cyrillic are the same ticket.
  EXPECT_EQ(CallText("ru", "b007", 2), "Талон бэ 7, окно 2");
  EXPECT_EQ(CallText("ru", "Б007", 2), "Талон бэ 7, окно 2");
  // Outside the mapping the letter is kept.
  EXPECT_EQ(CallText("ru", "F012", 2), "Талон F 12, окно 2");
}

TEST(CallText, SomethingThatIsNotATicketIsSpokenAsItIs) {
  EXPECT_EQ(CallText("ru", "015", 2), "Талон 015, окно 2");
  EXPECT_EQ(CallText("ru", "A-15", 2), "Талон A-15, окно 2");
  EXPECT_EQ(CallText("ru", "", 2), "Талон , окно 2");
}

TEST(CallText, DisplayLineKeepsTheTicketAsPrintedInCyrillic) {
  EXPECT_EQ(CallDisplayText("kk", "A015", 5), "А015 → 5-терезе");
  EXPECT_EQ(CallDisplayText("ru", "A015", 5), "А015 → окно 5");
  EXPECT_EQ(CallDisplayText("kk", "B001", 1), "Б001 → 1-терезе");
  EXPECT_EQ(CallDisplayText("kk", "C100", 10), "В100 → 10-терезе");
  EXPECT_EQ(CallDisplayText("ru", "D100", 21), "Г100 → окно 21");
  EXPECT_EQ(CallDisplayText("ru", "E001", 10), "Д001 → окно 10");
}

TEST(CallText, KazakhOrdinalsFollowVowelHarmonyAndTheIrregularTens) {
  EXPECT_EQ(KazakhOrdinal(1), "бірінші");
  EXPECT_EQ(KazakhOrdinal(2), "екінші");
  EXPECT_EQ(KazakhOrdinal(6), "алтыншы");
  EXPECT_EQ(KazakhOrdinal(9), "тоғызыншы");
  EXPECT_EQ(KazakhOrdinal(10), "оныншы");
  EXPECT_EQ(KazakhOrdinal(11), "он бірінші");
  EXPECT_EQ(KazakhOrdinal(20), "жиырмасыншы");
  EXPECT_EQ(KazakhOrdinal(21), "жиырма бірінші");
  EXPECT_EQ(KazakhOrdinal(40), "қырқыншы");
  EXPECT_EQ(KazakhOrdinal(46), "қырық алтыншы");
  EXPECT_EQ(KazakhOrdinal(50), "елуінші");
  EXPECT_EQ(KazakhOrdinal(99), "тоқсан тоғызыншы");
  EXPECT_EQ(KazakhOrdinal(100), "жүзінші");
  EXPECT_EQ(KazakhOrdinal(105), "жүз бесінші");
  EXPECT_EQ(KazakhOrdinal(230), "екі жүз отызыншы");
  EXPECT_EQ(KazakhOrdinal(0), "");
  EXPECT_EQ(KazakhOrdinal(1000), "");
  EXPECT_EQ(CallText("kk", "A001", 1000), "Талон А 1, 1000-терезеге келіңіз");
}

TEST(QueueSmsTest, SoonAndCalledInTheTicketsLanguage) {
  EXPECT_EQ(QueueSoonSms("kk", "A015", 3), "А015 талоны: кезегіңіз жақын, алдыңызда 3 адам.");
  EXPECT_EQ(QueueSoonSms("ru", "B007", 2), "Талон Б007: ваша очередь близко, перед вами 2.");
  EXPECT_EQ(QueueSoonSms("ru", "C001", 0), "Талон В001: вы следующий, будьте рядом с окнами.");
  EXPECT_EQ(QueueCalledSms("kk", "A015", 5), "А015 талоны: 5-терезеге келіңіз.");
  EXPECT_EQ(QueueCalledSms("ru", "A015", 12), "Талон А015: подойдите к окну 12.");
}

}  // namespace
}  // namespace tereze::domain
