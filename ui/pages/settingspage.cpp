#include "settingspage.h"

#include "ai/openaiprovider.h"
#include "app/appcore.h"
#include "common/async.h"
#include "domain/money.h"
#include "state/creatordatastore.h"
#include "style/icons.h"
#include "style/theme.h"
#include "widgets/backendchooser.h"
#include "widgets/card.h"
#include "widgets/messagelabel.h"
#include "widgets/movetoserverform.h"
#include "widgets/restrictedwordseditor.h"
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
    m_backend = new BackendChooser(core, data);
    connect(m_backend, &BackendChooser::restartRequested, this, &SettingsPage::restartApplication);
    auto *backendLabel = new QLabel(tr("&Backend"), data);
    backendLabel->setBuddy(m_backend->kindBox());
    dataForm->addRow(backendLabel, m_backend);

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

    m_moveCard = new Card(tr("Move your data to a server"));
    m_moveForm = new MoveToServerForm(core, m_moveCard);
    m_moveCard->body()->addWidget(m_moveForm);
    connect(m_moveForm, &MoveToServerForm::restartRequested, this, &SettingsPage::restartApplication);
    connect(m_moveForm, &MoveToServerForm::finished, this, [this](bool moved) {
        if (moved)
            m_backend->showSavedChoice();
    });
    // The card shows with the form: while the data is kept here and someone is signed in.
    const auto showMoveCard = [this] { m_moveCard->setVisible(!m_moveForm->isHidden()); };
    contentLayout()->addWidget(m_moveCard);
    connect(&core.users(), &UserStore::userChanged, this, showMoveCard);
    showMoveCard();

    buildAiCard();

    buildAccountCard();

    m_restrictedCard = new Card(tr("Restricted words"));
    auto *explanation = new QLabel(tr("Words your captions and fan messages must never contain. Generated text that uses one is "
                                      "dropped; text you write is highlighted."),
                                   m_restrictedCard);
    explanation->setWordWrap(true);
    explanation->setProperty("role", QStringLiteral("muted"));
    m_restrictedCard->body()->addWidget(explanation);
    m_restrictedEditor = new RestrictedWordsEditor(core.creatorData(), m_restrictedCard);
    m_restrictedCard->body()->addWidget(m_restrictedEditor);
    contentLayout()->addWidget(m_restrictedCard);
    // The list belongs to an account: only shown to someone signed in.
    auto showRestricted = [this] {
        m_restrictedCard->setVisible(m_core.users().isSignedIn());
        m_accountCard->setVisible(m_core.users().isSignedIn());
    };
    connect(&core.users(), &UserStore::userChanged, this, showRestricted);
    showRestricted();

    auto *services = new Card(tr("Service status"));
    services->setObjectName(QStringLiteral("serviceStatus"));
    m_serviceStatus = new ServiceStatusView(core.breakers(), services);
    services->body()->addWidget(m_serviceStatus);
    contentLayout()->addWidget(services);
    contentLayout()->addStretch(1);
}

void SettingsPage::buildAccountCard()
{
    // Settings of the signed-in account (saved with it, on either backend).
    m_accountCard = new Card(tr("Account"));
    auto *form = new QFormLayout;
    m_currency = new QComboBox(m_accountCard);
    m_currency->setAccessibleName(tr("Currency"));
    for (const QString &code : money::currencies())
        m_currency->addItem(money::describe(code), code);
    auto showCurrency = [this] { m_currency->setCurrentIndex(m_currency->findData(m_core.creatorData().currency())); };
    showCurrency();
    connect(&m_core.creatorData(), &CreatorDataStore::currencyChanged, this, showCurrency);
    auto *status = new MessageLabel(m_accountCard);
    connect(m_currency, &QComboBox::activated, this, [this, status, showCurrency] {
        const QString chosen = m_currency->currentData().toString();
        onFinished(m_core.creatorData().saveCurrency(chosen), this, [status, showCurrency](const Result<void> &saved) {
            if (saved.ok()) {
                status->clearMessage();
                return;
            }
            status->showMessage(saved.error().message, MessageLabel::Kind::Error);
            showCurrency();
        });
    });
    form->addRow(tr("&Currency"), m_currency);
    form->addRow(status);
    auto *note = makeNote(tr("Amounts on every page are written in this currency, the way your language writes money."), m_accountCard);
    m_accountCard->body()->addLayout(form);
    m_accountCard->body()->addWidget(note);

    // The password of the login (on a server, the same in every agency).
    auto *passwordForm = new QFormLayout;
    auto passwordEdit = [this](const QString &objectName, const QString &accessibleName) {
        auto *edit = new QLineEdit(m_accountCard);
        edit->setObjectName(objectName);
        edit->setAccessibleName(accessibleName);
        edit->setEchoMode(QLineEdit::Password);
        return edit;
    };
    m_currentPassword = passwordEdit(QStringLiteral("currentPassword"), tr("Current password"));
    m_newPassword = passwordEdit(QStringLiteral("newPassword"), tr("New password"));
    m_confirmPassword = passwordEdit(QStringLiteral("confirmPassword"), tr("New password again"));
    passwordForm->addRow(tr("C&urrent password"), m_currentPassword);
    passwordForm->addRow(tr("&New password"), m_newPassword);
    passwordForm->addRow(tr("New password a&gain"), m_confirmPassword);
    m_accountCard->body()->addLayout(passwordForm);
    m_changePassword = new QPushButton(tr("Change password"), m_accountCard);
    m_changePassword->setObjectName(QStringLiteral("changePassword"));
    connect(m_changePassword, &QPushButton::clicked, this, &SettingsPage::changePassword);
    connect(m_confirmPassword, &QLineEdit::returnPressed, this, &SettingsPage::changePassword);
    m_accountCard->body()->addWidget(m_changePassword, 0, Qt::AlignLeft);
    m_passwordStatus = new MessageLabel(m_accountCard);
    m_passwordStatus->setObjectName(QStringLiteral("passwordStatus"));
    m_accountCard->body()->addWidget(m_passwordStatus);
    // A lost laptop or a shared computer: every session ends, this one too.
    auto *everywhere = new QPushButton(tr("Sign out everywhere"), m_accountCard);
    everywhere->setObjectName(QStringLiteral("signOutEverywhere"));
    everywhere->setToolTip(tr("Ends your sessions on every computer and in every agency, this one included."));
    connect(everywhere, &QPushButton::clicked, this, [this, everywhere] {
        everywhere->setEnabled(false);
        onFinished(m_core.sessions().signOutEverywhere(), this, [this, everywhere](const Result<void> &ended) {
            everywhere->setEnabled(true);
            if (!ended.ok())
                m_passwordStatus->showMessage(ended.error().message, MessageLabel::Kind::Error);
        });
    });
    m_accountCard->body()->addWidget(everywhere, 0, Qt::AlignLeft);
    contentLayout()->addWidget(m_accountCard);
}

void SettingsPage::changePassword()
{
    if (m_newPassword->text() != m_confirmPassword->text()) {
        m_passwordStatus->showMessage(tr("The two new passwords differ."), MessageLabel::Kind::Error);
        m_confirmPassword->setFocus();
        Q_EMIT passwordChanged(false);
        return;
    }
    m_changePassword->setEnabled(false);
    onFinished(m_core.backend().changePassword(m_currentPassword->text(), m_newPassword->text()), this,
               [this](const Result<void> &changed) {
                   m_changePassword->setEnabled(true);
                   if (!changed.ok()) {
                       m_passwordStatus->showMessage(changed.error().message, MessageLabel::Kind::Error);
                       QLineEdit *wrong = changed.error().field == QLatin1String("currentPassword") ? m_currentPassword : m_newPassword;
                       wrong->setFocus();
                       wrong->selectAll();
                       Q_EMIT passwordChanged(false);
                       return;
                   }
                   for (QLineEdit *edit : {m_currentPassword, m_newPassword, m_confirmPassword})
                       edit->clear();
                   m_passwordStatus->showMessage(tr("Password changed. Your other sessions have ended; this one stays signed in."),
                                                 MessageLabel::Kind::Note);
                   Q_EMIT passwordChanged(true);
               });
}

void SettingsPage::buildAiCard()
{
    AppSettings &settings = m_core.settings();
    auto *card = new Card(tr("AI suggestions"));
    auto *form = new QFormLayout;
    m_aiProvider = new QComboBox(card);
    m_aiProvider->setObjectName(QStringLiteral("aiProvider"));
    m_aiProvider->setAccessibleName(tr("AI provider"));
    m_aiProvider->addItem(tr("Offline (built in, nothing leaves this computer)"),
                          QVariant::fromValue(AppSettings::AiProviderKind::Offline));
    m_aiProvider->addItem(tr("OpenAI-compatible service (OpenAI, Azure, Ollama, LM Studio…)"),
                          QVariant::fromValue(AppSettings::AiProviderKind::OpenAiCompatible));
    m_aiProvider->setCurrentIndex(m_aiProvider->findData(QVariant::fromValue(settings.aiProvider())));
    form->addRow(tr("P&rovider"), m_aiProvider);

    m_aiOnlineFields = new QWidget(card);
    auto *online = new QFormLayout(m_aiOnlineFields);
    online->setContentsMargins(0, 0, 0, 0);
    m_aiBaseUrl = new QLineEdit(settings.aiBaseUrl(), m_aiOnlineFields);
    m_aiBaseUrl->setAccessibleName(tr("Service address"));
    online->addRow(tr("Add&ress"), m_aiBaseUrl);
    m_aiModel = new QLineEdit(settings.aiModel(), m_aiOnlineFields);
    m_aiModel->setAccessibleName(tr("Model"));
    online->addRow(tr("&Model"), m_aiModel);
    m_aiKey = new QLineEdit(m_aiOnlineFields);
    m_aiKey->setEchoMode(QLineEdit::Password);
    m_aiKey->setAccessibleName(tr("API key"));
    m_aiKey->setPlaceholderText(tr("Kept in your system keychain. Leave empty to keep the saved key."));
    online->addRow(tr("API &key"), m_aiKey);
    form->addRow(m_aiOnlineFields);
    card->body()->addLayout(form);

    auto *buttons = new QHBoxLayout;
    auto *save = new QPushButton(tr("Save AI settings"), card);
    save->setObjectName(QStringLiteral("saveAi"));
    auto *test = new QPushButton(tr("Test connection"), card);
    test->setObjectName(QStringLiteral("testAi"));
    connect(save, &QPushButton::clicked, this, &SettingsPage::saveAiSettings);
    connect(test, &QPushButton::clicked, this, &SettingsPage::testAiConnection);
    buttons->addWidget(save);
    buttons->addWidget(test);
    buttons->addStretch(1);
    card->body()->addLayout(buttons);
    m_aiStatus = new MessageLabel(card);
    m_aiStatus->setObjectName(QStringLiteral("aiStatus"));
    card->body()->addWidget(m_aiStatus);
    contentLayout()->addWidget(card);

    connect(m_aiProvider, &QComboBox::currentIndexChanged, this, &SettingsPage::updateAiFields);
    updateAiFields();
    if (m_core.backendRunsAi()) {
        // The server's administrator chose the provider; its key never reaches this computer.
        for (QWidget *control :
             {static_cast<QWidget *>(m_aiProvider), m_aiOnlineFields, static_cast<QWidget *>(save), static_cast<QWidget *>(test)})
            control->setEnabled(false);
        m_aiStatus->showMessage(tr("Your Huntaze server runs the AI tools with the provider its administrator chose."),
                                MessageLabel::Kind::Note);
    }
}

void SettingsPage::updateAiFields()
{
    m_aiOnlineFields->setVisible(m_aiProvider->currentData().value<AppSettings::AiProviderKind>()
                                 == AppSettings::AiProviderKind::OpenAiCompatible);
}

void SettingsPage::saveAiSettings()
{
    const auto kind = m_aiProvider->currentData().value<AppSettings::AiProviderKind>();
    const QUrl url = QUrl::fromUserInput(m_aiBaseUrl->text().trimmed());
    if (kind == AppSettings::AiProviderKind::OpenAiCompatible) {
        if (const QString problem = AppCore::checkAiAddress(url); !problem.isEmpty()) {
            m_aiStatus->showMessage(problem, MessageLabel::Kind::Error);
            m_aiBaseUrl->setFocus();
            return;
        }
        if (m_aiModel->text().trimmed().isEmpty()) {
            m_aiStatus->showMessage(tr("Enter the model to use, for example gpt-4o-mini or llama3."), MessageLabel::Kind::Error);
            m_aiModel->setFocus();
            return;
        }
    }
    AppSettings &settings = m_core.settings();
    settings.setAiProvider(kind);
    settings.setAiBaseUrl(url.toString());
    settings.setAiModel(m_aiModel->text().trimmed());

    auto apply = [this, kind, url](const QString &key) {
        m_core.useAiProvider(kind, url, m_core.settings().aiModel(), key);
        m_aiStatus->showMessage(kind == AppSettings::AiProviderKind::Offline ? tr("Using offline suggestions.")
                                                                             : tr("Saved. Suggestions now come from %1.").arg(url.host()),
                                MessageLabel::Kind::Note);
        Q_EMIT aiSettingsSaved();
    };
    const QString enteredKey = m_aiKey->text();
    m_aiKey->clear();
    if (kind == AppSettings::AiProviderKind::Offline) {
        apply(QString());
    } else if (!enteredKey.isEmpty()) {
        onFinished(m_core.secrets().write(AppSettings::aiApiKeySecret(), enteredKey), this,
                   [this, apply, enteredKey](const Result<void> &written) {
                       if (!written.ok())
                           m_aiStatus->showMessage(tr("The key works for this session only: %1").arg(written.error().message),
                                                   MessageLabel::Kind::Warning);
                       apply(enteredKey);
                   });
    } else {
        onFinished(m_core.secrets().read(AppSettings::aiApiKeySecret()), this,
                   [apply](const Result<QString> &stored) { apply(stored.ok() ? stored.value() : QString()); });
    }
}

void SettingsPage::testAiConnection()
{
    const auto kind = m_aiProvider->currentData().value<AppSettings::AiProviderKind>();
    if (kind == AppSettings::AiProviderKind::Offline) {
        m_aiStatus->showMessage(tr("Offline suggestions always work: nothing to connect to."), MessageLabel::Kind::Note);
        Q_EMIT aiConnectionTested(true);
        return;
    }
    const QUrl url = QUrl::fromUserInput(m_aiBaseUrl->text().trimmed());
    if (const QString problem = AppCore::checkAiAddress(url); !problem.isEmpty()) {
        m_aiStatus->showMessage(problem, MessageLabel::Kind::Error);
        Q_EMIT aiConnectionTested(false);
        return;
    }
    m_aiStatus->showMessage(tr("Testing…"), MessageLabel::Kind::Note);
    auto test = [this, url](const QString &key) {
        OpenAiProvider::Config config;
        config.baseUrl = url;
        config.model = m_aiModel->text().trimmed();
        config.apiKey = key;
        auto provider = std::make_shared<OpenAiProvider>(m_core.api(), config);
        onFinished(provider->testConnection(), this, [this, provider, url](const Result<void> &tested) {
            if (tested.ok())
                m_aiStatus->showMessage(tr("Connected to %1.").arg(url.host()), MessageLabel::Kind::Note);
            else
                m_aiStatus->showMessage(tested.error().message, MessageLabel::Kind::Error);
            Q_EMIT aiConnectionTested(tested.ok());
        });
    };
    if (!m_aiKey->text().isEmpty())
        test(m_aiKey->text());
    else
        onFinished(m_core.secrets().read(AppSettings::aiApiKeySecret()), this,
                   [test](const Result<QString> &stored) { test(stored.ok() ? stored.value() : QString()); });
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
