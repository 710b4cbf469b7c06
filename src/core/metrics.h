// Metrics: counters, gauges and histograms rendered as Prometheus text.
// Observing is lock-free (atomics); creating a series takes a lock, so hot
// paths look their series up once and keep the reference.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace tereze {

class Counter {
 public:
  void Add(uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

class Histogram {
 public:
  explicit Histogram(std::vector<double> upper_bounds);
  void Observe(double value);
  // Appends the _bucket, _sum and _count lines of one series.
  void Render(const std::string& name, const std::string& labels, std::string* out) const;
  uint64_t count() const { return count_.load(std::memory_order_relaxed); }

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> buckets_;  // one per bound, plus +Inf
  std::atomic<uint64_t> count_{0};
  std::atomic<int64_t> sum_micro_{0};  // sum in millionths, to stay integer
};

class Metrics {
 public:
  // `labels` is the Prometheus label set without braces, e.g. `route="/x",method="GET"`.
  Counter& GetCounter(const std::string& name, const std::string& help, const std::string& labels);
  Histogram& GetHistogram(const std::string& name, const std::string& help,
                          const std::string& labels, const std::vector<double>& bounds);
  // A gauge read when the metrics are rendered.
  void SetGauge(const std::string& name, const std::string& help, std::function<double()> read);

  std::string Render() const;

  // Bounds for request latencies in seconds.
  static std::vector<double> LatencyBounds();

 private:
  struct Family {
    std::string help;
    std::string type;
    std::map<std::string, std::unique_ptr<Counter>> counters;
    std::map<std::string, std::unique_ptr<Histogram>> histograms;
    std::function<double()> gauge;
  };
  mutable std::mutex mu_;
  std::map<std::string, Family> families_;
};

}  // namespace tereze
