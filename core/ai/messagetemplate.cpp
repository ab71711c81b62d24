#include "messagetemplate.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <functional>

namespace huntaze {

struct MessageTemplate::Node {
    enum class Kind { Text, Variable, Section, InvertedSection };
    Kind kind = Kind::Text;
    QString text; // Text: the text; Variable/Section: the name
    QString fallback; // Variable: shown when the value is empty
    Nodes children; // sections
};

namespace {

Error syntaxError(const QString &source, qsizetype offset, const QString &what)
{
    const QString before = source.left(offset);
    const qsizetype line = before.count(u'\n') + 1;
    const qsizetype column = offset - (before.lastIndexOf(u'\n') + 1) + 1;
    Error error = Error::validation(
        QStringLiteral("template"),
        QCoreApplication::translate("huntaze::MessageTemplate", "%1 (line %2, column %3)").arg(what).arg(line).arg(column));
    error.position = static_cast<int>(offset);
    return error;
}

} // namespace

QList<MessageTemplate::Variable> MessageTemplate::fanVariables()
{
    return {
        {QStringLiteral("fan.first_name"), QCoreApplication::translate("huntaze::MessageTemplate", "The fan's first name")},
        {QStringLiteral("fan.name"), QCoreApplication::translate("huntaze::MessageTemplate", "The fan's full display name")},
        {QStringLiteral("fan.last_purchase"), QCoreApplication::translate("huntaze::MessageTemplate", "What the fan bought last")},
        {QStringLiteral("fan.total_spend"), QCoreApplication::translate("huntaze::MessageTemplate", "What the fan has spent in total")},
        {QStringLiteral("fan.days_inactive"),
         QCoreApplication::translate("huntaze::MessageTemplate", "Days since the fan was last active")},
        {QStringLiteral("fan.tags"), QCoreApplication::translate("huntaze::MessageTemplate", "The tags you gave the fan")},
        {QStringLiteral("fan.is_top_spender"),
         QCoreApplication::translate("huntaze::MessageTemplate", "Set when the fan is among your top spenders")},
        {QStringLiteral("creator.name"), QCoreApplication::translate("huntaze::MessageTemplate", "Your display name")},
        {QStringLiteral("creator.niche"), QCoreApplication::translate("huntaze::MessageTemplate", "Your niche")},
    };
}

QStringList MessageTemplate::fanVariableNames()
{
    QStringList names;
    for (const Variable &variable : fanVariables())
        names.append(variable.name);
    return names;
}

Result<MessageTemplate> MessageTemplate::parse(const QString &source, const QStringList &knownVariables)
{
    static const QRegularExpression validName(QStringLiteral(R"(^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$)"));

    struct Open {
        Nodes *nodes;
        QString name;
        qsizetype offset;
    };
    auto root = std::make_shared<Nodes>();
    std::vector<Open> stack{{root.get(), {}, 0}};

    qsizetype position = 0;
    while (position < source.size()) {
        const qsizetype open = source.indexOf(QStringLiteral("{{"), position);
        Nodes &current = *stack.back().nodes;
        if (open < 0) {
            current.push_back({Node::Kind::Text, source.mid(position), {}, {}});
            break;
        }
        if (open > position)
            current.push_back({Node::Kind::Text, source.mid(position, open - position), {}, {}});
        const qsizetype close = source.indexOf(QStringLiteral("}}"), open + 2);
        const qsizetype nextOpen = source.indexOf(QStringLiteral("{{"), open + 2);
        if (close < 0 || (nextOpen >= 0 && nextOpen < close))
            return syntaxError(source, open, QCoreApplication::translate("huntaze::MessageTemplate", "This {{ is never closed with }}"));

        QString tag = source.mid(open + 2, close - open - 2);
        const QChar sigil = tag.isEmpty() ? QChar() : tag.front();
        const bool isSection = sigil == u'#' || sigil == u'^' || sigil == u'/';
        if (isSection)
            tag.remove(0, 1);
        QString fallback;
        bool hasFallback = false;
        if (const qsizetype bar = tag.indexOf(u'|'); bar >= 0) {
            if (isSection)
                return syntaxError(source, open,
                                   QCoreApplication::translate("huntaze::MessageTemplate", "A section cannot have a fallback"));
            fallback = tag.mid(bar + 1);
            tag.truncate(bar);
            hasFallback = true;
        }
        const QString name = tag.trimmed();
        qsizetype leadingSpaces = 0;
        while (leadingSpaces < tag.size() && tag.at(leadingSpaces).isSpace())
            ++leadingSpaces;
        const qsizetype nameOffset = open + 2 + (isSection ? 1 : 0) + leadingSpaces;

        if (name.isEmpty())
            return syntaxError(source, open,
                               QCoreApplication::translate("huntaze::MessageTemplate", "Empty tag: write a field name between {{ and }}"));
        if (!validName.match(name).hasMatch())
            return syntaxError(source, nameOffset,
                               QCoreApplication::translate("huntaze::MessageTemplate", "\"%1\" is not a valid field name").arg(name));
        if (!knownVariables.contains(name))
            return syntaxError(source, nameOffset,
                               QCoreApplication::translate("huntaze::MessageTemplate", "Unknown variable \"%1\"").arg(name));

        if (sigil == u'#' || sigil == u'^') {
            current.push_back({sigil == u'#' ? Node::Kind::Section : Node::Kind::InvertedSection, name, {}, {}});
            stack.push_back({&current.back().children, name, open});
        } else if (sigil == u'/') {
            if (stack.size() == 1)
                return syntaxError(
                    source, open,
                    QCoreApplication::translate("huntaze::MessageTemplate", "{{/%1}} closes a section that was never opened").arg(name));
            if (stack.back().name != name)
                return syntaxError(
                    source, open,
                    QCoreApplication::translate("huntaze::MessageTemplate", "{{/%1}} closes the wrong section: {{#%2}} is still open")
                        .arg(name, stack.back().name));
            stack.pop_back();
        } else {
            Node variable{Node::Kind::Variable, name, fallback, {}};
            if (hasFallback && fallback.contains(QStringLiteral("{{")))
                return syntaxError(source, open,
                                   QCoreApplication::translate("huntaze::MessageTemplate", "A fallback cannot contain a tag"));
            current.push_back(std::move(variable));
        }
        position = close + 2;
    }
    if (stack.size() > 1)
        return syntaxError(
            source, stack.back().offset,
            QCoreApplication::translate("huntaze::MessageTemplate", "Section {{#%1}} is never closed").arg(stack.back().name));

    MessageTemplate result;
    result.m_source = source;
    result.m_nodes = std::move(root);
    return result;
}

QString MessageTemplate::render(const QHash<QString, QString> &values) const
{
    QString out;
    if (m_nodes)
        renderNodes(*m_nodes, values, out);
    return out;
}

void MessageTemplate::renderNodes(const Nodes &nodes, const QHash<QString, QString> &values, QString &out)
{
    for (const Node &node : nodes) {
        switch (node.kind) {
        case Node::Kind::Text: out += node.text; break;
        case Node::Kind::Variable: {
            const QString value = values.value(node.text).trimmed();
            out += value.isEmpty() ? node.fallback : value;
            break;
        }
        case Node::Kind::Section:
        case Node::Kind::InvertedSection:
            if (isTruthy(values.value(node.text)) == (node.kind == Node::Kind::Section))
                renderNodes(node.children, values, out);
            break;
        }
    }
}

QStringList MessageTemplate::usedVariables() const
{
    QStringList used;
    std::function<void(const Nodes &)> walk = [&](const Nodes &nodes) {
        for (const Node &node : nodes) {
            if (node.kind != Node::Kind::Text && !used.contains(node.text))
                used.append(node.text);
            walk(node.children);
        }
    };
    if (m_nodes)
        walk(*m_nodes);
    return used;
}

bool isTruthy(const QString &value)
{
    const QString trimmed = value.trimmed();
    return !trimmed.isEmpty() && trimmed != QStringLiteral("0") && trimmed.compare(QStringLiteral("false"), Qt::CaseInsensitive) != 0;
}

} // namespace huntaze
