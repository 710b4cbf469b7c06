#include "docs/report_pdf.h"

#include <memory>

#include "docs/flow.h"
#include "docs/form.h"
#include "docs/labels.h"
#include "docs/pdf_writer.h"

namespace tereze::docs {
namespace {

enum class Label {
  kReport,
  kAct,
  kCentralAct,
  kNumber,
  kMonth,
  kBranch,
  kProvider,
  kUnit,
  kGenerated,
  kQueue,
  kTickets,
  kCalled,
  kAverageWait,
  kLongWaits,
  kDiscrepancies,
  kNone,
  kCenterValue,
  kProviderValue,
  kStatus,
  kCenter,
  kProviderSide,
  kSignature,
  kContinued,
  kRatingAverage,
  kTopMissing,
  kMinutes,
  kCount,
};

constexpr LabelText<Label> kLabels[] = {
    {Label::kReport, "Ай сайынғы есеп", "Ежемесячный отчёт"},
    {Label::kAct, "Салыстыру актісі", "Акт сверки"},
    {Label::kCentralAct, "Орталық атқарушы органмен салыстыру актісі",
     "Акт сверки с центральным исполнительным органом"},
    {Label::kNumber, "Нөмірі", "Номер"},
    {Label::kMonth, "Ай", "Месяц"},
    {Label::kBranch, "Филиал", "Филиал"},
    {Label::kProvider, "Көрсетілетін қызметті беруші", "Услугодатель"},
    {Label::kUnit, "Аумақтық бөлімше", "Территориальное подразделение"},
    {Label::kGenerated, "Жасалды", "Составлен"},
    {Label::kQueue, "Кезек", "Очередь"},
    {Label::kTickets, "Талондар", "Талонов"},
    {Label::kCalled, "Шақырылды", "Вызвано"},
    {Label::kAverageWait, "Орташа күту, мин", "Среднее ожидание, мин"},
    {Label::kLongWaits, "15 минуттан астам күтті", "Ждали более 15 минут"},
    {Label::kDiscrepancies, "Алшақтықтар", "Расхождения"},
    {Label::kNone, "Жоқ", "Нет"},
    {Label::kCenterValue, "орталық", "центр"},
    {Label::kProviderValue, "беруші", "услугодатель"},
    {Label::kStatus, "Күйі", "Состояние"},
    {Label::kCenter, "Орталық", "Центр"},
    {Label::kProviderSide, "Көрсетілетін қызметті беруші", "Услугодатель"},
    {Label::kSignature, "Қолы", "Подпись"},
    {Label::kContinued, "жалғасы", "продолжение"},
    {Label::kRatingAverage, "Орташа баға", "Средняя оценка"},
    {Label::kTopMissing, "Жиі жетіспейтін құжаттар", "Чаще всего не хватало"},
    {Label::kMinutes, "мин", "мин"},
};
static_assert(LabelsInOrder(kLabels), "kLabels must list every Label once, in enum order");

}  // namespace

Status RenderReportPdf(const ReportDoc& d, const std::string& lang_text, std::string* pdf) {
  Lang lang;
  if (Status s = ParseLang(lang_text, "report", &lang); !s.ok()) return s;
  auto L = [&](Label l) { return LabelIn(kLabels, lang, l); };
  const FormGeometry& g = kA4Form;
  const char* title = d.kind == ReportDoc::Kind::kMonthlyReport       ? L(Label::kReport)
                      : d.kind == ReportDoc::Kind::kReconciliationAct ? L(Label::kAct)
                                                                      : L(Label::kCentralAct);
  std::unique_ptr<PdfWriter> writer;
  if (Status s = PdfWriter::Open(kA4WidthPt, kA4HeightPt, std::string(title) + " " + d.number,
                                 d.month + "-01", &writer);
      !s.ok()) {
    return s;
  }
  A4Chrome chrome;
  if (Status s = chrome.Layout(writer.get(), g,
                               !d.branch_name.empty()     ? d.branch_name
                               : !d.provider_name.empty() ? d.provider_name
                                                          : "Tereze",
                               "№ " + d.number, "");
      !s.ok()) {
    return s;
  }
  const auto columns = ReportColumns(lang_text);
  FormBuilder b(writer.get(), g);
  std::vector<Status> r;
  r.push_back(b.Paragraph(title, g.title, 0));
  r.push_back(b.Fact(L(Label::kNumber), d.number, true, 10));
  r.push_back(b.Fact(L(Label::kMonth), d.month));
  if (!d.branch_name.empty()) r.push_back(b.Fact(L(Label::kBranch), d.branch_name));
  if (!d.provider_name.empty()) r.push_back(b.Fact(L(Label::kProvider), d.provider_name));
  if (!d.unit_name.empty()) r.push_back(b.Fact(L(Label::kUnit), d.unit_name));
  r.push_back(b.Fact(L(Label::kGenerated), d.generated_at));
  if (!d.status.empty()) r.push_back(b.Fact(L(Label::kStatus), d.status));
  for (const ReportDocLine& l : d.lines) {
    r.push_back(b.Section(l.service_code + " " + l.service_name, L(Label::kContinued)));
    const int64_t values[] = {l.figures.accepted,     l.figures.refused,
                              l.figures.sent,         l.figures.results_on_time,
                              l.figures.results_late, l.figures.provider_refused,
                              l.figures.issued,       l.figures.returned_unclaimed,
                              l.figures.in_storage,   l.figures.ratings};
    for (size_t i = 0; i < std::size(values); ++i) {
      r.push_back(b.Fact(columns[7 + i], std::to_string(values[i])));
    }
    if (l.figures.ratings > 0) {
      const int64_t t = domain::RatingAverageTenths(l.figures);
      r.push_back(
          b.Fact(L(Label::kRatingAverage), std::to_string(t / 10) + "," + std::to_string(t % 10)));
    }
    if (!l.top_missing.empty()) r.push_back(b.Fact(L(Label::kTopMissing), l.top_missing));
  }
  if (d.has_queue) {
    r.push_back(b.Section(L(Label::kQueue), L(Label::kContinued)));
    r.push_back(b.Fact(L(Label::kTickets), std::to_string(d.queue.tickets)));
    r.push_back(b.Fact(L(Label::kCalled), std::to_string(d.queue.called)));
    const int64_t avg_min =
        d.queue.called > 0 ? (d.queue.wait_sum_ms / d.queue.called + 30000) / 60000 : 0;
    r.push_back(b.Fact(L(Label::kAverageWait), std::to_string(avg_min)));
    r.push_back(b.Fact(L(Label::kLongWaits), std::to_string(d.queue.waited_over_15_min)));
  }
  if (d.kind == ReportDoc::Kind::kReconciliationAct) {
    r.push_back(b.Section(L(Label::kDiscrepancies), L(Label::kContinued)));
    if (d.discrepancies.empty()) r.push_back(b.Paragraph(L(Label::kNone), g.item, 3));
    int n = 0;
    for (const auto& x : d.discrepancies) {
      r.push_back(b.Numbered(++n,
                             x.service_code + " · " + x.figure + ": " + L(Label::kCenterValue) +
                                 " " + std::to_string(x.center_value) + ", " +
                                 L(Label::kProviderValue) + " " + std::to_string(x.provider_value),
                             x.comment));
    }
    const std::string line(12, '_');
    r.push_back(b.Signatures(std::string(L(Label::kCenter)) + ":\n" +
                                 (d.center_signed.empty() ? line : d.center_signed) + "\n" +
                                 L(Label::kSignature) + ": " + line,
                             std::string(L(Label::kProviderSide)) + ":\n" +
                                 (d.provider_signed.empty() ? line : d.provider_signed) + "\n" +
                                 L(Label::kSignature) + ": " + line,
                             g.section_space_pt + 10));
  }
  if (Status s = FirstFailure(r); !s.ok()) return s;
  Frame frame;
  frame.left_pt = g.margin_x_pt;
  frame.top_pt = chrome.body_top();
  frame.bottom_pt = chrome.body_bottom();
  frame.max_pages = kMaxReportPages;
  frame.too_long = Status::TooLarge("report_too_long", "the report would exceed its pages");
  Status drawn = DrawPages(writer.get(), g, b.items(), frame, &chrome, [](const FigureOp&) {});
  if (!drawn.ok()) return drawn;
  return writer->Finish(pdf);
}

}  // namespace tereze::docs
