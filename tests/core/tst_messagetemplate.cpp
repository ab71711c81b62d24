#include "ai/messagetemplate.h"

#include <QTest>

using namespace huntaze;

using Values = QHash<QString, QString>;
Q_DECLARE_METATYPE(Values)

class TestMessageTemplate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void renders_data();
    void renders();
    void errorsSayWhere_data();
    void errorsSayWhere();
    void listsUsedVariables();
    void truthiness_data();
    void truthiness();
};

void TestMessageTemplate::renders_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<Values>("values");
    QTest::addColumn<QString>("expected");
    const Values mia{{QStringLiteral("fan.first_name"), QStringLiteral("Mia")},
                     {QStringLiteral("fan.last_purchase"), QStringLiteral("the beach set")},
                     {QStringLiteral("creator.name"), QStringLiteral("Lola")}};
    QTest::newRow("plain text") << QStringLiteral("Hello there!") << mia << QStringLiteral("Hello there!");
    QTest::newRow("variable") << QStringLiteral("Hi {{fan.first_name}}!") << mia << QStringLiteral("Hi Mia!");
    QTest::newRow("spaces inside tag") << QStringLiteral("Hi {{ fan.first_name }}!") << mia << QStringLiteral("Hi Mia!");
    QTest::newRow("fallback unused") << QStringLiteral("Hi {{fan.first_name|babe}}") << mia << QStringLiteral("Hi Mia");
    QTest::newRow("fallback used") << QStringLiteral("Hi {{fan.first_name|babe}}") << Values() << QStringLiteral("Hi babe");
    QTest::newRow("fallback for blank") << QStringLiteral("Hi {{fan.first_name|babe}}")
                                        << Values{{QStringLiteral("fan.first_name"), QStringLiteral("  ")}} << QStringLiteral("Hi babe");
    QTest::newRow("empty fallback") << QStringLiteral("Hi{{fan.first_name|}}!") << Values() << QStringLiteral("Hi!");
    QTest::newRow("missing value without fallback") << QStringLiteral("Hi {{fan.first_name}}") << Values() << QStringLiteral("Hi ");
    QTest::newRow("section shown") << QStringLiteral("{{#fan.last_purchase}}Loved {{fan.last_purchase}}?{{/fan.last_purchase}}") << mia
                                   << QStringLiteral("Loved the beach set?");
    QTest::newRow("section hidden") << QStringLiteral("a{{#fan.last_purchase}}X{{/fan.last_purchase}}b") << Values()
                                    << QStringLiteral("ab");
    QTest::newRow("inverted shown") << QStringLiteral("{{^fan.last_purchase}}New here?{{/fan.last_purchase}}") << Values()
                                    << QStringLiteral("New here?");
    QTest::newRow("inverted hidden") << QStringLiteral("{{^fan.last_purchase}}New here?{{/fan.last_purchase}}") << mia << QString();
    QTest::newRow("if else") << QStringLiteral(
        "{{#fan.is_top_spender}}VIP{{/fan.is_top_spender}}{{^fan.is_top_spender}}fan{{/fan.is_top_spender}}")
                             << Values{{QStringLiteral("fan.is_top_spender"), QStringLiteral("false")}} << QStringLiteral("fan");
    QTest::newRow("nested sections") << QStringLiteral(
        "{{#fan.first_name}}{{#fan.last_purchase}}both{{/fan.last_purchase}}{{/fan.first_name}}")
                                     << mia << QStringLiteral("both");
    QTest::newRow("multi-line") << QStringLiteral("Hey {{fan.first_name}},\nit's {{creator.name}} 💋") << mia
                                << QString::fromUtf8("Hey Mia,\nit's Lola 💋");
    QTest::newRow("single braces are text") << QStringLiteral("{not a tag} }}") << mia << QStringLiteral("{not a tag} }}");
    QTest::newRow("values are not re-parsed") << QStringLiteral("{{fan.first_name}}")
                                              << Values{{QStringLiteral("fan.first_name"), QStringLiteral("{{creator.name}}")}}
                                              << QStringLiteral("{{creator.name}}");
}

void TestMessageTemplate::renders()
{
    QFETCH(QString, source);
    QFETCH(Values, values);
    QFETCH(QString, expected);
    const Result<MessageTemplate> parsed = MessageTemplate::parse(source);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(parsed.value().render(values), expected);
}

void TestMessageTemplate::errorsSayWhere_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<int>("position");
    QTest::addColumn<QString>("messageStart");
    QTest::newRow("unknown variable") << QStringLiteral("Hi {{fan.nickname}}") << 5
                                      << QStringLiteral("Unknown variable \"fan.nickname\" (line 1, column 6)");
    QTest::newRow("unknown in section") << QStringLiteral("{{#fan.vip}}x{{/fan.vip}}") << 3
                                        << QStringLiteral("Unknown variable \"fan.vip\"");
    QTest::newRow("unknown on line 2") << QStringLiteral("Hi!\n  {{ creator.age }}") << 9
                                       << QStringLiteral("Unknown variable \"creator.age\" (line 2, column 6)");
    QTest::newRow("unclosed tag") << QStringLiteral("Hi {{fan.first_name") << 3 << QStringLiteral("This {{ is never closed");
    QTest::newRow("tag opened inside tag") << QStringLiteral("Hi {{fan.{{first}}") << 3 << QStringLiteral("This {{ is never closed");
    QTest::newRow("empty tag") << QStringLiteral("Hi {{ }}") << 3 << QStringLiteral("Empty tag");
    QTest::newRow("bad name") << QStringLiteral("{{Fan Name}}") << 2 << QStringLiteral("\"Fan Name\" is not a valid field name");
    QTest::newRow("unclosed section") << QStringLiteral("a {{#fan.first_name}} b") << 2
                                      << QStringLiteral("Section {{#fan.first_name}} is never closed");
    QTest::newRow("stray close") << QStringLiteral("a {{/fan.first_name}}") << 2
                                 << QStringLiteral("{{/fan.first_name}} closes a section that was never opened");
    QTest::newRow("crossed sections") << QStringLiteral("{{#fan.first_name}}{{#fan.tags}}{{/fan.first_name}}{{/fan.tags}}") << 32
                                      << QStringLiteral("{{/fan.first_name}} closes the wrong section");
    QTest::newRow("fallback on section") << QStringLiteral("{{#fan.first_name|x}}{{/fan.first_name}}") << 0
                                         << QStringLiteral("A section cannot have a fallback");
}

void TestMessageTemplate::errorsSayWhere()
{
    QFETCH(QString, source);
    QFETCH(int, position);
    QFETCH(QString, messageStart);
    const Result<MessageTemplate> parsed = MessageTemplate::parse(source);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, ErrorCode::Validation);
    QCOMPARE(parsed.error().field, QStringLiteral("template"));
    QCOMPARE(parsed.error().position, position);
    QVERIFY2(parsed.error().message.startsWith(messageStart), qPrintable(parsed.error().message));
}

void TestMessageTemplate::listsUsedVariables()
{
    const auto parsed = MessageTemplate::parse(QStringLiteral(
        "{{#fan.last_purchase}}{{fan.first_name}} {{fan.last_purchase}}{{/fan.last_purchase}} {{creator.name}} {{fan.first_name}}"));
    QCOMPARE(parsed.value().usedVariables(),
             (QStringList{QStringLiteral("fan.last_purchase"), QStringLiteral("fan.first_name"), QStringLiteral("creator.name")}));
    QVERIFY(MessageTemplate::fanVariableNames().contains(QStringLiteral("fan.days_inactive")));
}

void TestMessageTemplate::truthiness_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("truthy");
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("blank") << QStringLiteral("  ") << false;
    QTest::newRow("zero") << QStringLiteral("0") << false;
    QTest::newRow("false") << QStringLiteral("FALSE") << false;
    QTest::newRow("text") << QStringLiteral("beach set") << true;
    QTest::newRow("number") << QStringLiteral("12.50") << true;
    QTest::newRow("true") << QStringLiteral("true") << true;
}

void TestMessageTemplate::truthiness()
{
    QFETCH(QString, value);
    QFETCH(bool, truthy);
    QCOMPARE(isTruthy(value), truthy);
}

QTEST_GUILESS_MAIN(TestMessageTemplate)
#include "tst_messagetemplate.moc"
