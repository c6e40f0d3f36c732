#include "privatefile.h"

#include <QFile>

#include <sys/stat.h>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

Result<QByteArray> PrivateFile::read(const QString &path, const QString &codePrefix, const QString &what, qint64 maxBytes)
{
    // stat() before opening: the mode is judged on the file itself, not on what a symlink's name suggests.
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return fail(codePrefix + u".missing"_s, u"%1 %2 cannot be read: %3."_s.arg(what, path, qt_error_string(errno)),
                    u"Check the path."_s);
    if (!S_ISREG(info.st_mode))
        return fail(codePrefix + u".not_a_file"_s, u"%1 %2 is not a regular file."_s.arg(what, path),
                    u"Give the path of the file itself."_s);
    const unsigned mode = info.st_mode & 07777;
    if ((mode & 077) != 0)
        return fail(codePrefix + u".permissions"_s,
                    u"%1 %2 is accessible by other users (mode %3), so OrderBridge refuses to use it."_s.arg(
                        what, path, u"0%1"_s.arg(uint(mode), 3, 8, QChar(u'0'))),
                    u"Restrict it to its owner with `chmod 600 %1` and check nobody else read it."_s.arg(path));
    if (info.st_size > maxBytes)
        return fail(codePrefix + u".too_large"_s,
                    u"%1 %2 has %3 bytes; at most %4 are read."_s.arg(what, path).arg(qint64(info.st_size)).arg(maxBytes),
                    u"Check that this is the right file."_s);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(codePrefix + u".unreadable"_s, u"%1 %2 cannot be read: %3."_s.arg(what, path, file.errorString()),
                    u"Check that the user running OrderBridge owns it."_s);
    return file.read(maxBytes + 1).left(maxBytes);
}

} // namespace OrderBridge
