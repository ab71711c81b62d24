<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>huntaze::AnalyticsService</name>
    <message numerus="yes">
        <source>No member of this agency has the email %1. Invite them in Team, or correct the log.</source>
        <translation>
            <numerusform>No member of this agency has the email %1. Invite them in Team, or correct the log.</numerusform>
            <numerusform>No member of this agency has the emails %1. Invite them in Team, or correct the log.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No member of this agency has the id %1.</source>
        <translation>
            <numerusform>No member of this agency has the id %1.</numerusform>
            <numerusform>No member of this agency has the ids %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huntaze::PricingOptimizer</name>
    <message numerus="yes">
        <source>Suggested %1, based mostly on typical fan-platform prices: %n past offers at too few different prices to measure your own fans yet. Try a few prices to sharpen it.</source>
        <translation>
            <numerusform>Suggested %1, based mostly on typical fan-platform prices: %n past offer at too few different prices to measure your own fans yet. Try a few prices to sharpen it.</numerusform>
            <numerusform>Suggested %1, based mostly on typical fan-platform prices: %n past offers at too few different prices to measure your own fans yet. Try a few prices to sharpen it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Suggested %1 (likely best between %2 and %3), from %n past offers to your fans.</source>
        <translation>
            <numerusform>Suggested %1 (likely best between %2 and %3), from %n past offer to your fans.</numerusform>
            <numerusform>Suggested %1 (likely best between %2 and %3), from %n past offers to your fans.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huntaze::creatorcsv</name>
    <message numerus="yes">
        <source>…and %n more problems.</source>
        <translation>
            <numerusform>…and %n more problem.</numerusform>
            <numerusform>…and %n more problems.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huntaze::credentials</name>
    <message numerus="yes">
        <source>Use at least %n characters for your password.</source>
        <translation>
            <numerusform>Use at least %n character for your password.</numerusform>
            <numerusform>Use at least %n characters for your password.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Use at most %n characters for your password.</source>
        <translation>
            <numerusform>Use at most %n character for your password.</numerusform>
            <numerusform>Use at most %n characters for your password.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huntaze::rules</name>
    <message numerus="yes">
        <source>Use at most %n characters.</source>
        <translation>
            <numerusform>Use at most %n character.</numerusform>
            <numerusform>Use at most %n characters.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Use at most %n labels.</source>
        <translation>
            <numerusform>Use at most %n label.</numerusform>
            <numerusform>Use at most %n labels.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huntaze::ui::CaptionsPage</name>
    <message numerus="yes">
        <source>avg %1 engagements on %n of your posts</source>
        <translation>
            <numerusform>avg %1 engagements on %n of your posts</numerusform>
            <numerusform>avg %1 engagements on %n of your posts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huntaze::ui::CredentialsForm</name>
    <message numerus="yes">
        <source>At least %n characters</source>
        <translation>
            <numerusform>At least %n character</numerusform>
            <numerusform>At least %n characters</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huntaze::ui::EarningsDashboard</name>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 likes and comments per post (%n posts)</source>
        <translation>
            <numerusform>%1 likes and comments per post (%n post)</numerusform>
            <numerusform>%1 likes and comments per post (%n posts)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>How: each day is the average day of the 28 days before, times its weekday&apos;s share of the 8 weeks before, corrected by how far such forecasts usually missed. Measured on %n held-out 30-day windows of your own history: their totals missed by %1 % (median), and %2 % of their days fell inside the band.</source>
        <translation>
            <numerusform>How: each day is the average day of the 28 days before, times its weekday&apos;s share of the 8 weeks before, corrected by how far such forecasts usually missed. Measured on %n held-out 30-day window of your own history: its total missed by %1 % (median), and %2 % of its days fell inside the band.</numerusform>
            <numerusform>How: each day is the average day of the 28 days before, times its weekday&apos;s share of the 8 weeks before, corrected by how far such forecasts usually missed. Measured on %n held-out 30-day windows of your own history: their totals missed by %1 % (median), and %2 % of their days fell inside the band.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huntaze::ui::FansPage</name>
    <message numerus="yes">
        <source>Imported %n fans.</source>
        <translation>
            <numerusform>Imported %n fan.</numerusform>
            <numerusform>Imported %n fans.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n paid offers.</source>
        <translation>
            <numerusform>Imported %n paid offer.</numerusform>
            <numerusform>Imported %n paid offers.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n past posts.</source>
        <translation>
            <numerusform>Imported %n past post.</numerusform>
            <numerusform>Imported %n past posts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n new statement lines; lines imported before were skipped.</source>
        <translation>
            <numerusform>Imported %n new statement line; lines imported before were skipped.</numerusform>
            <numerusform>Imported %n new statement lines; lines imported before were skipped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n new messages; messages imported before were skipped.</source>
        <translation>
            <numerusform>Imported %n new message; messages imported before were skipped.</numerusform>
            <numerusform>Imported %n new messages; messages imported before were skipped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported the figures of %n post days; days imported before with the same figures were skipped.</source>
        <translation>
            <numerusform>Imported the figures of %n post day; days imported before with the same figures were skipped.</numerusform>
            <numerusform>Imported the figures of %n post days; days imported before with the same figures were skipped.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huntaze::ui::MessagesPage</name>
    <message numerus="yes">
        <source>Copied %n messages. Paste them into the platform to send.</source>
        <translation>
            <numerusform>Copied %n message. Paste it into the platform to send.</numerusform>
            <numerusform>Copied %n messages. Paste them into the platform to send.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huntaze::ui::MoveToServerForm</name>
    <message numerus="yes">
        <source>Moved %n creator(s) and %1 rows to %2. Huntaze uses the server from the next start.</source>
        <translation>
            <numerusform>Moved %n creator and %1 rows to %2. Huntaze uses the server from the next start.</numerusform>
            <numerusform>Moved %n creators and %1 rows to %2. Huntaze uses the server from the next start.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huntaze::ui::PerformancePage</name>
    <message numerus="yes">
        <source>Sales attributed: tips, paid messages and customs, credited to the last member who wrote to the fan in the %n day(s) before they paid.</source>
        <translation>
            <numerusform>Sales attributed: tips, paid messages and customs, credited to the last member who wrote to the fan in the %n day before they paid.</numerusform>
            <numerusform>Sales attributed: tips, paid messages and customs, credited to the last member who wrote to the fan in the %n days before they paid.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %2:00-%2:59: %n message(s) sent</source>
        <translation>
            <numerusform>%1, %2:00-%2:59: %n message sent</numerusform>
            <numerusform>%1, %2:00-%2:59: %n messages sent</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huntaze::ui::ServiceStatusView</name>
    <message numerus="yes">
        <source>%1 of the last %n calls</source>
        <translation>
            <numerusform>%1 of the last %n call</numerusform>
            <numerusform>%1 of the last %n calls</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huntaze::ui::ShiftsPage</name>
    <message numerus="yes">
        <source>Shifts now end after %n minutes without activity.</source>
        <translation>
            <numerusform>Shifts now end after %n minute without activity.</numerusform>
            <numerusform>Shifts now end after %n minutes without activity.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Your shift ended after %n minutes without activity. Clock in again to go on.</source>
        <translation>
            <numerusform>Your shift ended after %n minute without activity. Clock in again to go on.</numerusform>
            <numerusform>Your shift ended after %n minutes without activity. Clock in again to go on.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You are not clocked in. Shifts end by themselves after %n minutes without activity.</source>
        <translation>
            <numerusform>You are not clocked in. Shifts end by themselves after %n minute without activity.</numerusform>
            <numerusform>You are not clocked in. Shifts end by themselves after %n minutes without activity.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huntaze::ui::SyncProblemsDialog</name>
    <message numerus="yes">
        <source>%n fan(s) imported</source>
        <translation>
            <numerusform>%n fan imported</numerusform>
            <numerusform>%n fans imported</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n offer(s) imported</source>
        <translation>
            <numerusform>%n offer imported</numerusform>
            <numerusform>%n offers imported</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n post(s) imported</source>
        <translation>
            <numerusform>%n post imported</numerusform>
            <numerusform>%n posts imported</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huntaze::ui::SyncStatusIndicator</name>
    <message numerus="yes">
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n change waiting</numerusform>
            <numerusform>%n changes waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflict</numerusform>
            <numerusform>%n conflicts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sync problem(s)</source>
        <translation>
            <numerusform>%n sync problem</numerusform>
            <numerusform>%n sync problems</numerusform>
        </translation>
    </message>
</context>
</TS>
