#pragma once

#include <QTextStream>

namespace OrderBridge {

struct Error;
struct OrderOutcome;
struct SyncRunSummary;

/// How sync and retry print what a run did: one line per order and a summary line, as text for
/// people or as one JSON object per line (--json); with --dry-run, the records each order would send.
class SyncOutput
{
public:
    SyncOutput(QTextStream &out, bool json, bool dryRun);

    void printOutcome(const OrderOutcome &outcome);
    void printSummary(const SyncRunSummary &summary);
    /// With --json, a run that failed (e.g. Salesforce refused the sign-in) still ends with a summary line
    /// that carries the error; the text output leaves it to the error report on stderr.
    void printFailure(const Error &error);

    [[nodiscard]] bool isJson() const { return m_json; }

private:
    void printOutcomeJson(const OrderOutcome &outcome);

    QTextStream &m_out;
    bool m_json = false;
    bool m_dryRun = false;
};

} // namespace OrderBridge
