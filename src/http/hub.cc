#include "http/hub.h"

#include "http/json.h"

namespace tereze::http {

bool Hub::Subscribe(const std::shared_ptr<Subscriber>& subscriber,
                    const std::vector<std::string>& topics) {
  std::lock_guard lock(mu_);
  if (subscribers_.size() >= kMaxSubscribers) return false;
  subscribers_[subscriber.get()] = subscriber;
  for (const auto& t : topics) {
    by_topic_[t].insert(subscriber.get());
    ++joined_[t];
  }
  return true;
}

void Hub::Unsubscribe(const Subscriber* subscriber) {
  std::lock_guard lock(mu_);
  subscribers_.erase(subscriber);
  for (auto it = by_topic_.begin(); it != by_topic_.end();) {
    it->second.erase(subscriber);
    if (it->second.empty()) {
      joined_.erase(it->first);
      it = by_topic_.erase(it);
    } else {
      ++it;
    }
  }
}

void Hub::Publish(const std::string& topic, const std::string& json) {
  {
    std::lock_guard lock(mu_);
    if (by_topic_.find(topic) == by_topic_.end()) return;  // nobody listens: no JSON work
  }
  auto message = std::make_shared<const std::string>(
      Json{{"topic", topic}, {"event", Json::parse(json, nullptr, false)}}.dump());
  std::vector<std::shared_ptr<Subscriber>> targets;
  {
    std::lock_guard lock(mu_);
    auto it = by_topic_.find(topic);
    if (it == by_topic_.end()) return;
    for (const Subscriber* s : it->second) {
      if (auto alive = subscribers_[s].lock()) targets.push_back(std::move(alive));
    }
  }
  for (auto& t : targets) t->Send(message);
}

size_t Hub::subscriber_count() const {
  std::lock_guard lock(mu_);
  return subscribers_.size();
}

std::map<std::string, uint64_t> Hub::TopicsWithPrefix(const std::string& prefix) const {
  std::lock_guard lock(mu_);
  std::map<std::string, uint64_t> out;
  for (auto it = by_topic_.lower_bound(prefix);
       it != by_topic_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    auto joined = joined_.find(it->first);
    out[it->first] = joined == joined_.end() ? 0 : joined->second;
  }
  return out;
}

}  // namespace tereze::http
