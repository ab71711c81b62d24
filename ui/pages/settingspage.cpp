#include "settingspage.h"

#include "app/appcore.h"
#include "style/icons.h"
#include "style/theme.h"
#include "widgets/card.h"
#include "widgets/messagelabel.h"
#include "widgets/servicestatusview.h"

#include <QApplication>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace huntaze::ui {

SettingsPage::SettingsPage(AppCore &core, QWidget *parent) : Page(parent), m_core(core)
{
    AppSettings &settings = core.settings();

    auto *look = new Card(tr("Language and appearance"));
    auto *lookForm = new QFormLayout;
    m_language = new QComboBox(look);
    m_language->setObjectName(QStringLiteral("language"));
    m_language->setAccessibleName(tr("Language"));
    m_language->addItem(tr("System language"), QVariant::fromValue(AppSettings::Language::System));
    m_language->addItem(QStringLiteral("English"), QVariant::fromValue(AppSettings::Language::English));
    m_language->addItem(QStringLiteral("Français"), QVariant::fromValue(AppSettings::Language::French));
    m_language->setCurrentIndex(m_language->findData(QVariant::fromValue(settings.language())));
    lookForm->addRow(tr("&Language"), m_language);

    m_languageNote = new MessageLabel(look);
    m_restart = new QPushButton(themedIcon(QStringLiteral("restart")), tr("Restart now"), look);
    m_restart->setObjectName(QStringLiteral("restartNow"));
    m_restart->hide();
    connect(m_restart, &QPushButton::clicked, this, &SettingsPage::restartApplication);
    auto *restartRow = new QHBoxLayout;
    restartRow->addWidget(m_languageNote, 1);
    restartRow->addWidget(m_restart);
    lookForm->addRow(restartRow);
    lookForm->setRowVisible(restartRow, false);

    m_appearance = new QComboBox(look);
    m_appearance->setObjectName(QStringLiteral("appearance"));
    m_appearance->setAccessibleName(tr("Appearance"));
    m_appearance->addItem(tr("Follow the system"), QVariant::fromValue(AppSettings::Appearance::System));
    m_appearance->addItem(tr("Light"), QVariant::fromValue(AppSettings::Appearance::Light));
    m_appearance->addItem(tr("Dark"), QVariant::fromValue(AppSettings::Appearance::Dark));
    m_appearance->setCurrentIndex(m_appearance->findData(QVariant::fromValue(settings.appearance())));
    lookForm->addRow(tr("&Appearance"), m_appearance);
    look->body()->addLayout(lookForm);
    contentLayout()->addWidget(look);

    connect(m_language, &QComboBox::currentIndexChanged, this, [this, &settings, lookForm, restartRow] {
        const auto chosen = m_language->currentData().value<AppSettings::Language>();
        settings.setLanguage(chosen);
        m_languageNote->showMessage(tr("The new language applies when Huntaze restarts."), MessageLabel::Kind::Note);
        m_restart->show();
        lookForm->setRowVisible(restartRow, true);
    });
    connect(m_appearance, &QComboBox::currentIndexChanged, this, [this, &settings] {
        const auto chosen = m_appearance->currentData().value<AppSettings::Appearance>();
        settings.setAppearance(chosen);
        Theme::apply(chosen);
    });

    auto *data = new Card(tr("Your data"));
    auto *dataForm = new QFormLayout;
    m_backend = new QComboBox(data);
    m_backend->setObjectName(QStringLiteral("backend"));
    m_backend->setAccessibleName(tr("Where your data is kept"));
    m_backend->addItem(tr("On this computer (embedded)"), QVariant::fromValue(AppSettings::BackendKind::Embedded));
    m_backend->setToolTip(tr("Connecting to a Huntaze server arrives in a later version."));
    dataForm->addRow(tr("&Backend"), m_backend);

    m_dataFolder = new QLineEdit(QDir::toNativeSeparators(core.dataDirectory()), data);
    m_dataFolder->setObjectName(QStringLiteral("dataFolder"));
    m_dataFolder->setReadOnly(true);
    m_dataFolder->setAccessibleName(tr("Data folder"));
    auto *open = new QPushButton(themedIcon(QStringLiteral("folder")), tr("Open folder"), data);
    connect(open, &QPushButton::clicked, this, [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_core.dataDirectory())); });
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_dataFolder, 1);
    folderRow->addWidget(open);
    auto *folderLabel = new QLabel(tr("Data &folder"), data);
    folderLabel->setBuddy(m_dataFolder);
    dataForm->addRow(folderLabel, folderRow);

    m_keychainStatus = new MessageLabel(data);
    m_keychainStatus->setObjectName(QStringLiteral("keychainStatus"));
    dataForm->addRow(tr("Sign-in memory"), m_keychainStatus);
    auto showKeychain = [this](const QString &warning) {
        if (warning.isEmpty())
            m_keychainStatus->showMessage(tr("Your session is kept in the system keychain, never in a plain file."),
                                          MessageLabel::Kind::Note);
        else
            m_keychainStatus->showMessage(warning, MessageLabel::Kind::Warning);
    };
    showKeychain(core.sessions().keychainWarning());
    connect(&core.sessions(), &SessionManager::keychainWarningChanged, this, showKeychain);
    data->body()->addLayout(dataForm);
    contentLayout()->addWidget(data);

    auto *services = new Card(tr("Service status"));
    services->setObjectName(QStringLiteral("serviceStatus"));
    m_serviceStatus = new ServiceStatusView(core.breakers(), services);
    services->body()->addWidget(m_serviceStatus);
    contentLayout()->addWidget(services);
    contentLayout()->addStretch(1);
}

QString SettingsPage::title() const
{
    return tr("Settings");
}

void SettingsPage::restartApplication()
{
    const QStringList arguments = QApplication::arguments().mid(1);
    if (QProcess::startDetached(QApplication::applicationFilePath(), arguments))
        QApplication::quit();
    else
        m_languageNote->showMessage(tr("Huntaze could not restart itself. Quit and open it again."), MessageLabel::Kind::Error);
}

} // namespace huntaze::ui
