#include "domain/messages.h"

namespace tereze::domain {

namespace {}  // namespace

std::string SmsAccepted(const std::string& lang, const std::string& barcode, LocalDate issue_date) {
  if (lang == "kk") {
    return "Өтінішіңіз қабылданды, № " + barcode + ". Нәтиже беру күні: " + issue_date.ToDotted() +
           ". ХҚКО";
  }
  return "Ваше заявление принято, № " + barcode +
         ". Дата выдачи результата: " + issue_date.ToDotted() + ". ЦОН";
}

std::string SmsConsentCode(const std::string& lang, const std::string& code, int minutes) {
  if (lang == "kk") {
    return "Дербес деректерді пайдалануға келісім коды: " + code + ". " + std::to_string(minutes) +
           " минут жарамды. Кодты тек ХҚКО қызметкеріне айтыңыз.";
  }
  return "Код согласия на использование персональных данных: " + code + ". Действует " +
         std::to_string(minutes) + " минут. Сообщите его только сотруднику ЦОН.";
}

std::string SmsResultReady(const std::string& lang, const std::string& barcode) {
  if (lang == "kk") {
    return "№ " + barcode +
           " өтінішіңіздің нәтижесі дайын. Жеке басты куәландыратын құжатпен ХҚКО-ға келіңіз.";
  }
  return "Результат по заявлению № " + barcode +
         " готов. Получите его в ЦОН с документом, удостоверяющим личность.";
}

std::string SmsProviderRefused(const std::string& lang, const std::string& barcode) {
  if (lang == "kk") {
    return "№ " + barcode +
           " өтінішіңіз бойынша қызмет беруші бас тартты. Дәлелді жауапты ХҚКО-дан алыңыз.";
  }
  return "По заявлению № " + barcode +
         " услугодатель отказал. Мотивированный отказ можно получить в ЦОН.";
}

std::string SmsReturnedUnclaimed(const std::string& lang, const std::string& barcode) {
  if (lang == "kk") {
    return "№ " + barcode +
           " өтінішіңіздің нәтижесі сақтау мерзімі өткендіктен қызмет берушіге қайтарылды.";
  }
  return "Результат по заявлению № " + barcode +
         " не востребован в срок хранения и возвращён услугодателю.";
}

size_t Utf8Length(const std::string& text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace tereze::domain
