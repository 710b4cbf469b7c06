// R8, R16: the queue engine — order, calling rules, counter actions.
#include "domain/queue.h"

#include <gtest/gtest.h>

namespace tereze::domain {
namespace {

constexpr int64_t kMin = 60 * 1000;

class QueueEngineTest : public ::testing::Test {
 protected:
  int64_t Take(const std::string& queue, int64_t at_ms, Priority p = Priority::kNone) {
    Ticket t;
    t.id = ++next_id_;
    t.queue = queue;
    t.number = static_cast<int>(t.id);
    t.priority = p;
    t.arrived_ms = at_ms;
    EXPECT_TRUE(q_.Add(t).ok());
    return t.id;
  }
  int64_t Next(int64_t window, int64_t now_ms) {
    int64_t id = 0;
    Status s = q_.PickNext(window, now_ms, &id);
    if (!s.ok()) return 0;
    EXPECT_TRUE(q_.Call(id, window, now_ms).ok());
    EXPECT_TRUE(q_.Start(id, now_ms).ok());
    EXPECT_TRUE(q_.Finish(id, "served", now_ms + 5 * kMin).ok());
    return id;
  }
  QueueEngine q_;
  int64_t next_id_ = 0;
};

TEST_F(QueueEngineTest, ArrivalOrderWithPriorityFirstR16) {
  q_.SetWindow(1, {{"A", 1}});
  int64_t first = Take("A", 1 * kMin);
  int64_t second = Take("A", 2 * kMin);
  int64_t disabled = Take("A", 3 * kMin, Priority::kDisability);
  int64_t elderly = Take("A", 4 * kMin, Priority::kElderly);
  EXPECT_EQ(q_.Position(disabled), 0);
  EXPECT_EQ(q_.Position(second), 3);
  EXPECT_EQ(Next(1, 10 * kMin), disabled);
  EXPECT_EQ(Next(1, 11 * kMin), elderly);
  EXPECT_EQ(Next(1, 12 * kMin), first);
  EXPECT_EQ(Next(1, 13 * kMin), second);
  int64_t none = 0;
  EXPECT_EQ(q_.PickNext(1, 14 * kMin, &none).code(), "queue_empty");
}

TEST_F(QueueEngineTest, WindowsCallOnlyFromTheirQueuesByWeight) {
  q_.SetWindow(1, {{"A", 1}, {"B", 5}});
  q_.SetWindow(2, {{"A", 1}});
  int64_t a = Take("A", 1 * kMin);
  int64_t b = Take("B", 2 * kMin);
  EXPECT_EQ(Next(2, 3 * kMin), a);
  int64_t none = 0;
  EXPECT_EQ(q_.PickNext(2, 3 * kMin, &none).code(), "queue_empty");
  Take("A", 2 * kMin);
  EXPECT_EQ(Next(1, 4 * kMin), b);  // B weighs more at window 1, though A arrived earlier
  EXPECT_EQ(q_.PickNext(3, 4 * kMin, &none).code(), "window_closed");
}

TEST_F(QueueEngineTest, WaitThresholdOverridesWeights) {
  q_.SetWindow(1, {{"A", 1}, {"B", 5}});
  CallingRules rules;
  rules.thresholds = {{"A", 15 * kMin}};
  q_.SetRules(rules);
  int64_t a = Take("A", 0);
  int64_t b = Take("B", 1 * kMin);
  int64_t id = 0;
  ASSERT_TRUE(q_.PickNext(1, 10 * kMin, &id).ok());
  EXPECT_EQ(id, b);  // A's head has waited 10 min: not yet
  ASSERT_TRUE(q_.PickNext(1, 16 * kMin, &id).ok());
  EXPECT_EQ(id, a);  // past 15 min: A first
}

TEST_F(QueueEngineTest, RatioTwoFromAOneFromB) {
  q_.SetWindow(1, {{"A", 1}, {"B", 1}});
  CallingRules rules;
  rules.ratio = {{"A", 2}, {"B", 1}};
  q_.SetRules(rules);
  for (int i = 0; i < 6; ++i) Take("A", i * kMin);
  for (int i = 0; i < 3; ++i) Take("B", i * kMin);
  std::string order;
  for (int i = 0; i < 9; ++i) order += q_.Find(Next(1, 100 * kMin))->queue;
  EXPECT_EQ(order, "AABAABAAB");
}

TEST_F(QueueEngineTest, RecallThenNoShowAfterTheLimit) {
  q_.SetWindow(1, {{"A", 1}});
  int64_t t = Take("A", 0);
  ASSERT_TRUE(q_.Call(t, 1, kMin).ok());
  bool no_show = false;
  for (int i = 0; i < kMaxRecalls; ++i) {
    ASSERT_TRUE(q_.Recall(t, (2 + i) * kMin, &no_show).ok());
    EXPECT_FALSE(no_show);
  }
  ASSERT_TRUE(q_.Recall(t, 10 * kMin, &no_show).ok());
  EXPECT_TRUE(no_show);
  EXPECT_EQ(q_.Find(t)->state, TicketState::kNoShow);
  EXPECT_EQ(q_.CurrentAt(1), 0);
  EXPECT_EQ(q_.Start(t, 11 * kMin).code(), "wrong_state");
}

TEST_F(QueueEngineTest, RedirectKeepsTheArrivalAndRaisesPriority) {
  q_.SetWindow(1, {{"A", 1}});
  q_.SetWindow(9, {{"B", 1}});
  int64_t early = Take("A", 0);
  int64_t b1 = Take("B", 1 * kMin);
  int64_t b2 = Take("B", 2 * kMin);
  ASSERT_TRUE(q_.Call(early, 1, 3 * kMin).ok());
  ASSERT_TRUE(q_.Start(early, 3 * kMin).ok());
  ASSERT_TRUE(q_.Redirect(early, "B", 4 * kMin).ok());
  EXPECT_EQ(q_.Find(early)->arrived_ms, 0);
  EXPECT_EQ(q_.CurrentAt(1), 0);
  EXPECT_EQ(Next(9, 5 * kMin), early);  // before b1 and b2
  EXPECT_EQ(Next(9, 6 * kMin), b1);
  EXPECT_EQ(Next(9, 7 * kMin), b2);
}

TEST_F(QueueEngineTest, ParkAndResumeAndOneTicketPerWindow) {
  q_.SetWindow(1, {{"A", 1}});
  int64_t t = Take("A", 0);
  int64_t u = Take("A", 1);
  ASSERT_TRUE(q_.Call(t, 1, kMin).ok());
  EXPECT_EQ(q_.Call(u, 1, kMin).code(), "window_busy");
  ASSERT_TRUE(q_.Start(t, kMin).ok());
  ASSERT_TRUE(q_.Park(t, 2 * kMin).ok());
  EXPECT_EQ(q_.CurrentAt(1), 0);
  ASSERT_TRUE(q_.Call(u, 1, 3 * kMin).ok());
  EXPECT_EQ(q_.Resume(t, 1, 4 * kMin).code(), "window_busy");
  ASSERT_TRUE(q_.Start(u, 4 * kMin).ok());
  ASSERT_TRUE(q_.Finish(u, "served", 5 * kMin).ok());
  ASSERT_TRUE(q_.Resume(t, 1, 6 * kMin).ok());
  EXPECT_EQ(q_.Find(t)->state, TicketState::kServing);
  EXPECT_EQ(q_.Finish(t, "done", 7 * kMin).code(), "invalid_field");
  EXPECT_EQ(q_.Call(t, 1, 7 * kMin).code(), "wrong_state");
}

TEST_F(QueueEngineTest, EstimatedWaitFollowsPositionWindowsAndServiceTime) {
  q_.SetWindow(1, {{"A", 1}});
  q_.SetWindow(2, {{"A", 1}});
  int64_t a = Take("A", 0);
  int64_t b = Take("A", 1);
  int64_t c = Take("A", 2);
  // Before any service: 10 minutes each, two windows.
  EXPECT_EQ(q_.EstimatedWaitMs(a, 0), kDefaultServiceMs / 2);
  EXPECT_EQ(q_.EstimatedWaitMs(c, 0), 3 * kDefaultServiceMs / 2);
  // One service took 4 minutes: the mean follows it.
  ASSERT_TRUE(q_.Call(a, 1, kMin).ok());
  ASSERT_TRUE(q_.Start(a, kMin).ok());
  ASSERT_TRUE(q_.Finish(a, "served", 5 * kMin).ok());
  EXPECT_EQ(q_.EstimatedWaitMs(b, 5 * kMin), 4 * kMin / 2);
  EXPECT_EQ(q_.EstimatedWaitMs(c, 5 * kMin), 2 * 4 * kMin / 2);
  EXPECT_EQ(q_.EstimatedWaitMs(a, 5 * kMin), 0);  // not waiting
}

TEST(QueueText, LabelsAndPriorities) {
  EXPECT_EQ(TicketLabel("A", 15), "A015");
  EXPECT_EQ(TicketLabel("B", 999), "B999");
  EXPECT_EQ(ParsePriority("pregnant"), Priority::kPregnant);
  EXPECT_EQ(ToString(Priority::kPregnant), std::string("pregnant"));
  EXPECT_FALSE(ParsePriority("vip").has_value());
  EXPECT_GT(PriorityRank(Priority::kDisability), PriorityRank(Priority::kElderly));
  EXPECT_EQ(ParseTicketState("no_show"), TicketState::kNoShow);
}

}  // namespace
}  // namespace tereze::domain
