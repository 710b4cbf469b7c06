// Tests for the metrics registry and its Prometheus text rendering.
#include "core/metrics.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace tereze {
namespace {

bool HasLine(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos || text.rfind(line + "\n", 0) == 0;
}

TEST(MetricsTest, CounterAddsAndRenders) {
  Metrics m;
  Counter& c = m.GetCounter("tereze_things_total", "Things done", "");
  c.Add();
  c.Add(4);
  EXPECT_EQ(c.value(), 5u);
  std::string out = m.Render();
  EXPECT_TRUE(HasLine(out, "# HELP tereze_things_total Things done")) << out;
  EXPECT_TRUE(HasLine(out, "# TYPE tereze_things_total counter")) << out;
  EXPECT_TRUE(HasLine(out, "tereze_things_total 5")) << out;
}

TEST(MetricsTest, SameSeriesIsReturnedAgain) {
  Metrics m;
  Counter& a = m.GetCounter("req_total", "Requests", "route=\"/a\"");
  Counter& b = m.GetCounter("req_total", "Requests", "route=\"/b\"");
  Counter& a2 = m.GetCounter("req_total", "Requests", "route=\"/a\"");
  EXPECT_EQ(&a, &a2);
  EXPECT_NE(&a, &b);
  a.Add(2);
  b.Add(3);
  std::string out = m.Render();
  EXPECT_TRUE(HasLine(out, "req_total{route=\"/a\"} 2")) << out;
  EXPECT_TRUE(HasLine(out, "req_total{route=\"/b\"} 3")) << out;
  // One HELP/TYPE header for the family, not one per series.
  EXPECT_EQ(out.find("# TYPE req_total"), out.rfind("# TYPE req_total"));
}

TEST(MetricsTest, CounterIsThreadSafe) {
  Metrics m;
  Counter& c = m.GetCounter("n_total", "N", "");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&c] {
      for (int i = 0; i < 10000; ++i) c.Add();
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(c.value(), 40000u);
}

TEST(MetricsTest, HistogramBucketsAreCumulative) {
  Metrics m;
  Histogram& h = m.GetHistogram("latency_seconds", "Latency", "", {0.1, 0.5, 1});
  h.Observe(0.05);
  h.Observe(0.1);  // on a bound: counts in that bucket (le = less or equal)
  h.Observe(0.3);
  h.Observe(0.7);
  h.Observe(5);  // beyond every bound: only +Inf
  EXPECT_EQ(h.count(), 5u);
  std::string out = m.Render();
  EXPECT_TRUE(HasLine(out, "# TYPE latency_seconds histogram")) << out;
  EXPECT_TRUE(HasLine(out, "latency_seconds_bucket{le=\"0.1\"} 2")) << out;
  EXPECT_TRUE(HasLine(out, "latency_seconds_bucket{le=\"0.5\"} 3")) << out;
  EXPECT_TRUE(HasLine(out, "latency_seconds_bucket{le=\"1\"} 4")) << out;
  EXPECT_TRUE(HasLine(out, "latency_seconds_bucket{le=\"+Inf\"} 5")) << out;
  EXPECT_TRUE(HasLine(out, "latency_seconds_sum 6.15")) << out;
  EXPECT_TRUE(HasLine(out, "latency_seconds_count 5")) << out;
}

TEST(MetricsTest, HistogramWithLabels) {
  Metrics m;
  Histogram& h = m.GetHistogram("dur", "D", "route=\"/x\"", {1});
  h.Observe(0.25);
  h.Observe(2);
  std::string out = m.Render();
  EXPECT_TRUE(HasLine(out, "dur_bucket{route=\"/x\",le=\"1\"} 1")) << out;
  EXPECT_TRUE(HasLine(out, "dur_bucket{route=\"/x\",le=\"+Inf\"} 2")) << out;
  EXPECT_TRUE(HasLine(out, "dur_sum{route=\"/x\"} 2.25")) << out;
  EXPECT_TRUE(HasLine(out, "dur_count{route=\"/x\"} 2")) << out;
}

TEST(MetricsTest, GaugeIsReadAtRender) {
  Metrics m;
  double value = 3;
  m.SetGauge("queue_depth", "Queue depth", [&value] { return value; });
  std::string out = m.Render();
  EXPECT_TRUE(HasLine(out, "# TYPE queue_depth gauge")) << out;
  EXPECT_TRUE(HasLine(out, "queue_depth 3")) << out;
  value = 17.5;
  out = m.Render();
  EXPECT_TRUE(HasLine(out, "queue_depth 17.5")) << out;
}

TEST(MetricsTest, LatencyBoundsAscend) {
  auto bounds = Metrics::LatencyBounds();
  ASSERT_FALSE(bounds.empty());
  for (size_t i = 1; i < bounds.size(); ++i) EXPECT_LT(bounds[i - 1], bounds[i]);
}

}  // namespace
}  // namespace tereze
