#pragma once

#include <QLocale>

class QCoreApplication;

/// The console's catalogues, compiled into the ui library under :/i18n: German (every string) and
/// English (plural forms only: "%n order(s)" reads "1 order", "2 orders"). Any other language gets the
/// English catalogue, so counts read right even where the console has no translation.
namespace ConsoleTranslations {

/// Installs OrderBridge's catalogue for `locale` (English plural forms when there is none) and Qt's
/// own strings for it (from qt6-translations-l10n when installed), owned by `app`.
void install(QCoreApplication &app, const QLocale &locale = QLocale());

} // namespace ConsoleTranslations
