<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>huntaze::AccountRepository</name>
    <message>
        <source>Your session has ended. Please sign in again.</source>
        <translation>Votre session a pris fin. Veuillez vous reconnecter.</translation>
    </message>
    <message>
        <source>An account with this email already exists. Sign in instead.</source>
        <translation>Un compte existe déjà avec cette adresse e-mail. Connectez-vous plutôt.</translation>
    </message>
    <message>
        <source>This server takes new accounts by invitation only. Ask an owner or admin of your agency for an invitation code, and enter it here.</source>
        <translation>Ce serveur n’accepte de nouveaux comptes que sur invitation. Demandez un code d’invitation à un propriétaire ou un administrateur de votre agence, puis saisissez-le ici.</translation>
    </message>
    <message>
        <source>Your session has expired. Please sign in again.</source>
        <translation>Votre session a expiré. Veuillez vous reconnecter.</translation>
    </message>
</context>
<context>
    <name>huntaze::AccountService</name>
    <message>
        <source>The email or password is incorrect.</source>
        <translation>L&apos;adresse e-mail ou le mot de passe est incorrect.</translation>
    </message>
    <message>
        <source>You are not signed in.</source>
        <translation>Vous n&apos;êtes pas connecté.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Saisissez votre mot de passe.</translation>
    </message>
    <message>
        <source>Enter your current password.</source>
        <translation>Saisissez votre mot de passe actuel.</translation>
    </message>
    <message>
        <source>Choose a password other than the current one.</source>
        <translation>Choisissez un mot de passe différent de l’actuel.</translation>
    </message>
    <message>
        <source>Your current password is not this one.</source>
        <translation>Ce n’est pas votre mot de passe actuel.</translation>
    </message>
    <message>
        <source>Type the reset code an owner or admin of your agency gave you.</source>
        <translation>Saisissez le code de réinitialisation qu’un propriétaire ou un administrateur de votre agence vous a donné.</translation>
    </message>
</context>
<context>
    <name>huntaze::AgencyRepository</name>
    <message>
        <source>You are no longer a member of this agency. Sign in again, or ask its owner.</source>
        <translation>Vous n’êtes plus membre de cette agence. Reconnectez-vous, ou adressez-vous à son propriétaire.</translation>
    </message>
    <message>
        <source>Type the agency&apos;s name, %1, to delete it.</source>
        <translation>Saisissez le nom de l’agence, %1, pour la supprimer.</translation>
    </message>
</context>
<context>
    <name>huntaze::AiTools</name>
    <message>
        <source>No usable idea came back. Try another theme or fewer restrictions.</source>
        <translation>Aucune idée utilisable n&apos;est revenue. Essayez un autre thème ou moins de restrictions.</translation>
    </message>
    <message>
        <source>The suggested message was not a valid template: %1</source>
        <translation>Le message proposé n&apos;était pas un modèle valide : %1</translation>
    </message>
    <message>
        <source>The suggested message used a restricted word, so it was discarded. Try again.</source>
        <translation>Le message proposé contenait un mot interdit : il a été écarté. Réessayez.</translation>
    </message>
    <message>
        <source>No usable caption came back: every one broke a rule. Try other words.</source>
        <translation>Aucune légende utilisable n&apos;est revenue : toutes enfreignaient une règle. Essayez d&apos;autres mots.</translation>
    </message>
</context>
<context>
    <name>huntaze::AnalyticsService</name>
    <message numerus="yes">
        <source>No member of this agency has the email %1. Invite them in Team, or correct the log.</source>
        <translation>
            <numerusform>Aucun membre de cette agence n’a l’e-mail %1. Invitez-le dans Équipe, ou corrigez le journal.</numerusform>
            <numerusform>Aucun membre de cette agence n’a les e-mails %1. Invitez-les dans Équipe, ou corrigez le journal.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No member of this agency has the id %1.</source>
        <translation>
            <numerusform>Aucun membre de cette agence n’a l’identifiant %1.</numerusform>
            <numerusform>Aucun membre de cette agence n’a les identifiants %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Give the agency view a range: from and to.</source>
        <translation>Donnez une période à la vue de l’agence : from et to.</translation>
    </message>
    <message>
        <source>Line %1: %2 Nothing was imported.</source>
        <translation>Ligne %1 : %2 Rien n’a été importé.</translation>
    </message>
</context>
<context>
    <name>huntaze::ApiKeyRepository</name>
    <message>
        <source>This API key is not valid: it was revoked, it expired, or it never existed.</source>
        <translation>Cette clé d’API n’est pas valide : elle a été révoquée, elle a expiré ou elle n’a jamais existé.</translation>
    </message>
    <message>
        <source>There is no such API key.</source>
        <translation>Cette clé d’API n’existe pas.</translation>
    </message>
</context>
<context>
    <name>huntaze::AppCore</name>
    <message>
        <source>Enter the service&apos;s address, like https://api.openai.com/v1.</source>
        <translation>Saisissez l&apos;adresse du service, comme https://api.openai.com/v1.</translation>
    </message>
    <message>
        <source>Use https: your API key must not travel unencrypted. Plain http is allowed only for a server on this computer.</source>
        <translation>Utilisez https : votre clé d&apos;API ne doit pas circuler en clair. Le http simple n&apos;est permis que pour un serveur sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, like https://huntaze.example.com.</source>
        <translation>Saisissez l&apos;adresse du serveur, comme https://huntaze.example.com.</translation>
    </message>
    <message>
        <source>Use https: your password and data must not travel unencrypted. Plain http is allowed only for a server on this computer.</source>
        <translation>Utilisez https : votre mot de passe et vos données ne doivent pas circuler en clair. Le http simple n&apos;est permis que pour un serveur sur cet ordinateur.</translation>
    </message>
</context>
<context>
    <name>huntaze::Backend</name>
    <message>
        <source>Chatters, invitations and roles need a Huntaze server: your data is on this computer, where you are its only member. Settings → Your data connects to a server.</source>
        <translation>Les chatteurs, les invitations et les rôles demandent un serveur Huntaze : vos données sont sur cet ordinateur, où vous êtes le seul membre. Réglages → Vos données permet de se connecter à un serveur.</translation>
    </message>
    <message>
        <source>Passwords cannot be changed here.</source>
        <translation>Les mots de passe ne peuvent pas être changés ici.</translation>
    </message>
    <message>
        <source>Reset codes are for accounts on a Huntaze server. An account on this computer has no one to issue one.</source>
        <translation>Les codes de réinitialisation concernent les comptes d’un serveur Huntaze. Pour un compte sur cet ordinateur, personne ne peut en délivrer.</translation>
    </message>
    <message>
        <source>The demo agency is only made on this computer.</source>
        <translation>L’agence de démonstration ne se crée que sur cet ordinateur.</translation>
    </message>
</context>
<context>
    <name>huntaze::CircuitBreaker</name>
    <message>
        <source>Working</source>
        <translation>Opérationnel</translation>
    </message>
    <message>
        <source>Paused after failures</source>
        <translation>En pause après des échecs</translation>
    </message>
    <message>
        <source>Testing recovery</source>
        <translation>Vérification du rétablissement</translation>
    </message>
</context>
<context>
    <name>huntaze::CreatorDataStore</name>
    <message>
        <source>Choose one of the listed currencies.</source>
        <translation>Choisissez l&apos;une des devises proposées.</translation>
    </message>
</context>
<context>
    <name>huntaze::CsvReader</name>
    <message>
        <source>Line %1: a quote is not closed, or a quoted field is followed by other text. Fix the quotes on that line and import again.</source>
        <translation>Ligne %1 : un guillemet n&apos;est pas fermé, ou un champ entre guillemets est suivi d&apos;autre texte. Corrigez les guillemets de cette ligne et importez à nouveau.</translation>
    </message>
    <message>
        <source>The CSV reader could not start.</source>
        <translation>Le lecteur CSV n&apos;a pas pu démarrer.</translation>
    </message>
    <message>
        <source>Import cancelled. Nothing was imported.</source>
        <translation>Import annulé. Rien n&apos;a été importé.</translation>
    </message>
</context>
<context>
    <name>huntaze::DatabaseConfig</name>
    <message>
        <source>The database address must look like postgresql://user:password@host:5432/database.</source>
        <translation>L&apos;adresse de la base de données doit ressembler à postgresql://utilisateur:motdepasse@hôte:5432/base.</translation>
    </message>
</context>
<context>
    <name>huntaze::Draft</name>
    <message>
        <source>A draft must be a JSON object.</source>
        <translation>Un brouillon doit être un objet JSON.</translation>
    </message>
    <message>
        <source>&quot;kind&quot; must be post or message.</source>
        <translation>« kind » doit être post ou message.</translation>
    </message>
    <message>
        <source>&quot;status&quot; must be draft, ready or done.</source>
        <translation>« status » doit être draft, ready ou done.</translation>
    </message>
    <message>
        <source>&quot;id&quot; must be a UUID.</source>
        <translation>« id » doit être un UUID.</translation>
    </message>
    <message>
        <source>An empty draft cannot be saved.</source>
        <translation>Un brouillon vide ne peut pas être enregistré.</translation>
    </message>
    <message>
        <source>A draft can refer to at most %1 files.</source>
        <translation>Un brouillon peut désigner au plus %1 fichiers.</translation>
    </message>
    <message>
        <source>&quot;audience&quot; must be one of: %1, or empty for every fan.</source>
        <translation>« audience » doit être l’un de : %1, ou vide pour tous les fans.</translation>
    </message>
    <message>
        <source>This draft no longer exists.</source>
        <translation>Ce brouillon n’existe plus.</translation>
    </message>
    <message>
        <source>These two versions were already resolved.</source>
        <translation>Ces deux versions ont déjà été départagées.</translation>
    </message>
</context>
<context>
    <name>huntaze::DraftRepository</name>
    <message>
        <source>A draft with this id exists already and cannot be saved.</source>
        <translation>Un brouillon avec cet identifiant existe déjà et ne peut pas être enregistré.</translation>
    </message>
</context>
<context>
    <name>huntaze::Fan</name>
    <message>
        <source>Each row must be a JSON object.</source>
        <translation>Chaque ligne doit être un objet JSON.</translation>
    </message>
    <message>
        <source>The name is empty.</source>
        <translation>Le nom est vide.</translation>
    </message>
</context>
<context>
    <name>huntaze::ImportRows</name>
    <message>
        <source>Row %1: %2 Nothing was imported.</source>
        <translation>Ligne %1 : %2 Rien n&apos;a été importé.</translation>
    </message>
    <message>
        <source>%1: %2 Nothing was imported.</source>
        <translation>%1 : %2 Rien n&apos;a été importé.</translation>
    </message>
</context>
<context>
    <name>huntaze::KeychainSecretStore</name>
    <message>
        <source>Nothing is stored under this name.</source>
        <translation>Rien n&apos;est enregistré sous ce nom.</translation>
    </message>
    <message>
        <source>The system keychain is not available: %1</source>
        <translation>Le trousseau du système n&apos;est pas disponible : %1</translation>
    </message>
</context>
<context>
    <name>huntaze::MessageTemplate</name>
    <message>
        <source>The fan&apos;s first name</source>
        <translation>Le prénom du fan</translation>
    </message>
    <message>
        <source>The fan&apos;s full display name</source>
        <translation>Le nom d&apos;affichage complet du fan</translation>
    </message>
    <message>
        <source>What the fan bought last</source>
        <translation>Le dernier achat du fan</translation>
    </message>
    <message>
        <source>What the fan has spent in total</source>
        <translation>Ce que le fan a dépensé au total</translation>
    </message>
    <message>
        <source>Days since the fan was last active</source>
        <translation>Jours depuis la dernière activité du fan</translation>
    </message>
    <message>
        <source>The tags you gave the fan</source>
        <translation>Les étiquettes attribuées au fan</translation>
    </message>
    <message>
        <source>Set when the fan is among your top spenders</source>
        <translation>Renseigné quand le fan fait partie de vos plus gros acheteurs</translation>
    </message>
    <message>
        <source>Your display name</source>
        <translation>Votre nom d&apos;affichage</translation>
    </message>
    <message>
        <source>Your niche</source>
        <translation>Votre niche</translation>
    </message>
    <message>
        <source>This {{ is never closed with }}</source>
        <translation>Ce {{ n’est jamais fermé par }}</translation>
    </message>
    <message>
        <source>A section cannot have a fallback</source>
        <translation>Une section ne peut pas avoir de valeur par défaut</translation>
    </message>
    <message>
        <source>Empty tag: write a field name between {{ and }}</source>
        <translation>Balise vide : écrivez un nom de champ entre {{ et }}</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid field name</source>
        <translation>« %1 » n’est pas un nom de champ valide</translation>
    </message>
    <message>
        <source>Unknown variable &quot;%1&quot;</source>
        <translation>Variable inconnue « %1 »</translation>
    </message>
    <message>
        <source>{{/%1}} closes a section that was never opened</source>
        <translation>{{/%1}} ferme une section qui n’a jamais été ouverte</translation>
    </message>
    <message>
        <source>{{/%1}} closes the wrong section: {{#%2}} is still open</source>
        <translation>{{/%1}} ferme la mauvaise section : {{#%2}} est encore ouverte</translation>
    </message>
    <message>
        <source>A fallback cannot contain a tag</source>
        <translation>Une valeur par défaut ne peut pas contenir de balise</translation>
    </message>
    <message>
        <source>Section {{#%1}} is never closed</source>
        <translation>La section {{#%1}} n’est jamais fermée</translation>
    </message>
    <message>
        <source>%1 (line %2, column %3)</source>
        <translation>%1 (ligne %2, colonne %3)</translation>
    </message>
</context>
<context>
    <name>huntaze::Migrator</name>
    <message>
        <source>Your data was saved by a newer version of Huntaze (data version %1; this version understands up to %2). Install the newer version to open it. Nothing was changed.</source>
        <translation>Vos données ont été enregistrées par une version plus récente de Huntaze (version des données %1 ; cette version comprend jusqu&apos;à la %2). Installez la version plus récente pour les ouvrir. Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <source>This copy of Huntaze is damaged: its database upgrade steps are incomplete.</source>
        <translation>Cette copie de Huntaze est endommagée : ses étapes de mise à jour de la base de données sont incomplètes.</translation>
    </message>
    <message>
        <source>This copy of Huntaze is damaged: a database upgrade step is missing.</source>
        <translation>Cette copie de Huntaze est endommagée : une étape de mise à jour de la base de données manque.</translation>
    </message>
</context>
<context>
    <name>huntaze::MoveToServer</name>
    <message>
        <source>The move was stopped. What moved is on the server; moving again goes on from there.</source>
        <translation>Le transfert a été arrêté. Ce qui a été transféré est sur le serveur ; relancer le transfert reprend à partir de là.</translation>
    </message>
    <message>
        <source>Could not note what moved in %1: %2</source>
        <translation>Impossible de noter ce qui a été transféré dans %1 : %2</translation>
    </message>
    <message>
        <source>Part of what was moved is kept on this computer but did not reach the server yet; it will once the server answers.</source>
        <translation>Une partie de ce qui a été déplacé est gardée sur cet ordinateur mais n’a pas encore atteint le serveur ; elle l’atteindra dès qu’il répondra.</translation>
    </message>
</context>
<context>
    <name>huntaze::Offer</name>
    <message>
        <source>Purchases must be between 0 and the number of recipients (%1).</source>
        <translation>Les achats doivent être entre 0 et le nombre de destinataires (%1).</translation>
    </message>
</context>
<context>
    <name>huntaze::OfflineProvider</name>
    <message>
        <source>Offline suggestions</source>
        <translation>Suggestions hors ligne</translation>
    </message>
</context>
<context>
    <name>huntaze::OpenAiProvider</name>
    <message>
        <source>The AI provider answered in a form Huntaze cannot read. Try again, or choose another model in Settings.</source>
        <translation>Le fournisseur d&apos;IA a répondu sous une forme que Huntaze ne sait pas lire. Réessayez, ou choisissez un autre modèle dans les Paramètres.</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>The AI provider refused the API key. Check the key in Settings → AI.</source>
        <translation>Le fournisseur d&apos;IA a refusé la clé d&apos;API. Vérifiez-la dans Paramètres → IA.</translation>
    </message>
    <message>
        <source>The AI provider does not know the model &quot;%1&quot; or the address. Check Settings → AI.</source>
        <translation>Le fournisseur d&apos;IA ne connaît pas le modèle « %1 » ou l&apos;adresse. Vérifiez Paramètres → IA.</translation>
    </message>
</context>
<context>
    <name>huntaze::PasswordHasher</name>
    <message>
        <source>The password library could not start.</source>
        <translation>La bibliothèque de mots de passe n&apos;a pas pu démarrer.</translation>
    </message>
    <message>
        <source>Not enough memory to protect the password. Close other programs and try again.</source>
        <translation>Mémoire insuffisante pour protéger le mot de passe. Fermez d’autres programmes et réessayez.</translation>
    </message>
</context>
<context>
    <name>huntaze::PasswordResetRepository</name>
    <message>
        <source>This reset code does not work for this email: it may be mistyped, used, or more than a day old. Ask an owner or admin of your agency for a new one.</source>
        <translation>Ce code de réinitialisation ne fonctionne pas pour cette adresse : il est peut-être mal saisi, déjà utilisé ou vieux de plus d’un jour. Demandez-en un nouveau à un propriétaire ou un administrateur de votre agence.</translation>
    </message>
</context>
<context>
    <name>huntaze::Post</name>
    <message>
        <source>A post needs a caption or hashtags.</source>
        <translation>Une publication a besoin d&apos;une légende ou de hashtags.</translation>
    </message>
</context>
<context>
    <name>huntaze::PricingOptimizer</name>
    <message numerus="yes">
        <source>Suggested %1, based mostly on typical fan-platform prices: %n past offers at too few different prices to measure your own fans yet. Try a few prices to sharpen it.</source>
        <translation>
            <numerusform>Prix suggéré : %1, surtout d’après les prix habituels des plateformes : %n offre passée, à trop peu de prix différents pour mesurer vos propres fans. Essayez quelques prix pour affiner.</numerusform>
            <numerusform>Prix suggéré : %1, surtout d’après les prix habituels des plateformes : %n offres passées, à trop peu de prix différents pour mesurer vos propres fans. Essayez quelques prix pour affiner.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Suggested %1 (likely best between %2 and %3), from %n past offers to your fans.</source>
        <translation>
            <numerusform>Prix suggéré : %1 (sans doute optimal entre %2 et %3), d’après %n offre passée à vos fans.</numerusform>
            <numerusform>Prix suggéré : %1 (sans doute optimal entre %2 et %3), d’après %n offres passées à vos fans.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huntaze::Profile</name>
    <message>
        <source>Enter the name your fans know you by.</source>
        <translation>Saisissez le nom sous lequel vos fans vous connaissent.</translation>
    </message>
    <message>
        <source>Unknown platform &quot;%1&quot;.</source>
        <translation>Plateforme inconnue « %1 ».</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time zone this computer knows.</source>
        <translation>« %1 » n&apos;est pas un fuseau horaire connu de cet ordinateur.</translation>
    </message>
</context>
<context>
    <name>huntaze::RemoteBackend</name>
    <message>
        <source>The server sent an answer Huntaze cannot read.</source>
        <translation>Le serveur a envoyé une réponse que Huntaze ne sait pas lire.</translation>
    </message>
</context>
<context>
    <name>huntaze::RestrictedWords</name>
    <message>
        <source>Refers to minors: banned on every platform</source>
        <translation>Fait référence à des mineurs : interdit sur toutes les plateformes</translation>
    </message>
    <message>
        <source>Suggests non-consent: banned on every platform</source>
        <translation>Suggère une absence de consentement : interdit sur toutes les plateformes</translation>
    </message>
    <message>
        <source>Prohibited content category</source>
        <translation>Catégorie de contenu interdite</translation>
    </message>
    <message>
        <source>Off-platform payment: against the platforms&apos; terms</source>
        <translation>Paiement hors plateforme : contraire aux conditions des plateformes</translation>
    </message>
    <message>
        <source>Offers to meet in person: against the platforms&apos; terms</source>
        <translation>Proposition de rencontre : contraire aux conditions des plateformes</translation>
    </message>
    <message>
        <source>underage, minor, teen, teenager, schoolgirl, schoolboy, jailbait, lolita</source>
        <translation>mineur, mineure, ado, adolescent, adolescente, écolière, écolier, collégienne, lycéenne, lolita</translation>
    </message>
    <message>
        <source>rape, non-consent, drugged, passed out, forced</source>
        <translation>viol, sans consentement, droguée, drogué, inconsciente, forcée, forcé</translation>
    </message>
    <message>
        <source>incest, bestiality</source>
        <translation>inceste, zoophilie</translation>
    </message>
    <message>
        <source>paypal, cashapp, cash app, venmo, zelle, wire transfer</source>
        <translation>paypal, lydia, paylib, virement, virement bancaire</translation>
    </message>
    <message>
        <source>meet up, meetup, escort</source>
        <translation>rencontre, rendez-vous, se voir en vrai, escort</translation>
    </message>
</context>
<context>
    <name>huntaze::ServerAiProvider</name>
    <message>
        <source>Your Huntaze server (%1)</source>
        <translation>Votre serveur Huntaze (%1)</translation>
    </message>
</context>
<context>
    <name>huntaze::ServerApi</name>
    <message>
        <source>%1 answered, but it is not a Huntaze server.</source>
        <translation>%1 a répondu, mais ce n&apos;est pas un serveur Huntaze.</translation>
    </message>
</context>
<context>
    <name>huntaze::ServerMove</name>
    <message>
        <source>A move is already under way.</source>
        <translation>Un transfert est déjà en cours.</translation>
    </message>
    <message>
        <source>Sign in to the data kept on this computer to move it to a server.</source>
        <translation>Connectez-vous aux données conservées sur cet ordinateur pour les transférer vers un serveur.</translation>
    </message>
</context>
<context>
    <name>huntaze::SessionManager</name>
    <message>
        <source>Huntaze cannot use your system keychain, so it will not remember you after you quit. (%1)</source>
        <translation>Huntaze ne peut pas utiliser le trousseau de votre système : il ne se souviendra pas de vous après sa fermeture. (%1)</translation>
    </message>
</context>
<context>
    <name>huntaze::ShiftRepository</name>
    <message>
        <source>You are not clocked in.</source>
        <translation>Vous n’êtes pas en service.</translation>
    </message>
    <message>
        <source>You clocked in from somewhere else at the same moment. Try again.</source>
        <translation>Vous avez pointé ailleurs au même moment. Réessayez.</translation>
    </message>
    <message>
        <source>This person is not a member of the agency.</source>
        <translation>Cette personne n’est pas membre de l’agence.</translation>
    </message>
    <message>
        <source>This member does not work with that creator. Assign the creator to them on the Team page first.</source>
        <translation>Ce membre ne travaille pas pour ce créateur. Attribuez-le-lui d’abord sur la page Équipe.</translation>
    </message>
    <message>
        <source>This shift is not in the schedule.</source>
        <translation>Ce créneau n’est pas au planning.</translation>
    </message>
    <message>
        <source>The idle limit must be from %1 to %2 minutes.</source>
        <translation>Le délai d’inactivité doit être de %1 à %2 minutes.</translation>
    </message>
</context>
<context>
    <name>huntaze::SqlWorker</name>
    <message>
        <source>Huntaze cannot open its data file %1. Check that the folder exists and that you may write to it.</source>
        <translation>Huntaze ne peut pas ouvrir son fichier de données %1. Vérifiez que le dossier existe et que vous pouvez y écrire.</translation>
    </message>
    <message>
        <source>Huntaze could not read or save your data, so your last change was not applied. The log file has the details.</source>
        <translation>Huntaze n&apos;a pas pu lire ou enregistrer vos données : votre dernière modification n&apos;a pas été appliquée. Le journal contient les détails.</translation>
    </message>
    <message>
        <source>The database is unavailable. Try again in a moment.</source>
        <translation>La base de données est indisponible. Réessayez dans un instant.</translation>
    </message>
</context>
<context>
    <name>huntaze::StrictJson</name>
    <message>
        <source>&quot;%1&quot; is given twice; send each field once.</source>
        <translation>« %1 » est donné deux fois ; envoyez chaque champ une seule fois.</translation>
    </message>
    <message>
        <source>The request body is not valid JSON: %1 at character %2.</source>
        <translation>Le corps de la requête n&apos;est pas du JSON valide : %1 au caractère %2.</translation>
    </message>
</context>
<context>
    <name>huntaze::SyncRepository</name>
    <message>
        <source>This device&apos;s id belongs to another member. Sign in again on it to sync.</source>
        <translation>L’identifiant de cet appareil appartient à un autre membre. Reconnectez-vous sur cet appareil pour synchroniser.</translation>
    </message>
</context>
<context>
    <name>huntaze::TeamRepository</name>
    <message>
        <source>This invitation code is not valid. Check it, or ask for a new one.</source>
        <translation>Ce code d’invitation n’est pas valide. Vérifiez-le, ou demandez-en un nouveau.</translation>
    </message>
    <message>
        <source>This person is not a member of the agency.</source>
        <translation>Cette personne n’est pas membre de l’agence.</translation>
    </message>
    <message>
        <source>This agency has no such custom role.</source>
        <translation>Cette agence n’a pas ce rôle personnalisé.</translation>
    </message>
    <message>
        <source>Creator %1 is not one you manage.</source>
        <translation>Le créateur %1 ne fait pas partie de ceux que vous gérez.</translation>
    </message>
    <message>
        <source>This invitation code was already used. Ask for a new one.</source>
        <translation>Ce code d’invitation a déjà été utilisé. Demandez-en un nouveau.</translation>
    </message>
    <message>
        <source>This invitation code has expired. Ask for a new one.</source>
        <translation>Ce code d’invitation a expiré. Demandez-en un nouveau.</translation>
    </message>
    <message>
        <source>You are already a member of this agency. Sign in without the code.</source>
        <translation>Vous êtes déjà membre de cette agence. Connectez-vous sans le code.</translation>
    </message>
    <message>
        <source>An agency always keeps one owner: make someone else owner first.</source>
        <translation>Une agence garde toujours un propriétaire : nommez d’abord quelqu’un d’autre propriétaire.</translation>
    </message>
    <message>
        <source>This agency already has a role with this name.</source>
        <translation>Cette agence a déjà un rôle portant ce nom.</translation>
    </message>
</context>
<context>
    <name>huntaze::User</name>
    <message>
        <source>Creator %1</source>
        <translation>Créateur %1</translation>
    </message>
</context>
<context>
    <name>huntaze::agency</name>
    <message>
        <source>See the dashboard</source>
        <translation>Voir le tableau de bord</translation>
    </message>
    <message>
        <source>See fans</source>
        <translation>Voir les fans</translation>
    </message>
    <message>
        <source>Import fans, offers and posts</source>
        <translation>Importer fans, offres et publications</translation>
    </message>
    <message>
        <source>Export data</source>
        <translation>Exporter les données</translation>
    </message>
    <message>
        <source>See earnings, offers and spending</source>
        <translation>Voir les revenus, les offres et les dépenses</translation>
    </message>
    <message>
        <source>Use the pricing optimiser</source>
        <translation>Utiliser l&apos;optimiseur de prix</translation>
    </message>
    <message>
        <source>Write fan messages</source>
        <translation>Écrire des messages aux fans</translation>
    </message>
    <message>
        <source>Write captions and hashtags</source>
        <translation>Écrire légendes et hashtags</translation>
    </message>
    <message>
        <source>Get content ideas</source>
        <translation>Obtenir des idées de contenu</translation>
    </message>
    <message>
        <source>Keep and edit drafts</source>
        <translation>Garder et modifier des brouillons</translation>
    </message>
    <message>
        <source>Edit a creator&apos;s profile</source>
        <translation>Modifier le profil d&apos;un créateur</translation>
    </message>
    <message>
        <source>Add and archive creators</source>
        <translation>Ajouter et archiver des créateurs</translation>
    </message>
    <message>
        <source>Invite, assign and remove members</source>
        <translation>Inviter, affecter et retirer des membres</translation>
    </message>
    <message>
        <source>Make and change roles</source>
        <translation>Créer et modifier des rôles</translation>
    </message>
    <message>
        <source>Manage API keys</source>
        <translation>Gérer les clés d&apos;API</translation>
    </message>
    <message>
        <source>See the audit log</source>
        <translation>Voir le journal d&apos;audit</translation>
    </message>
    <message>
        <source>Plan shifts and see hours</source>
        <translation>Planifier les services et voir les heures</translation>
    </message>
    <message>
        <source>Clock in and out</source>
        <translation>Pointer l&apos;arrivée et le départ</translation>
    </message>
    <message>
        <source>Delete the agency</source>
        <translation>Supprimer l&apos;agence</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Propriétaire</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Administrateur</translation>
    </message>
    <message>
        <source>Chatter</source>
        <translation>Chatteur</translation>
    </message>
    <message>
        <source>Creator</source>
        <translation>Créateur</translation>
    </message>
    <message>
        <source>Give the role a name of 1 to 60 characters.</source>
        <translation>Donnez au rôle un nom de 1 à 60 caractères.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a permission.</source>
        <translation>« %1 » n&apos;est pas une permission.</translation>
    </message>
    <message>
        <source>Only owners can delete the agency.</source>
        <translation>Seuls les propriétaires peuvent supprimer l&apos;agence.</translation>
    </message>
    <message>
        <source>Your role (%1) does not include this: %2.</source>
        <translation>Votre rôle (%1) ne permet pas ceci : %2.</translation>
    </message>
    <message>
        <source>You do not work with this creator. Ask an owner or admin of the agency.</source>
        <translation>Vous ne travaillez pas avec ce créateur. Adressez-vous à un propriétaire ou à un admin de l’agence.</translation>
    </message>
    <message>
        <source>&quot;role&quot; must be owner, admin, chatter, creator or custom.</source>
        <translation>« role » doit valoir owner, admin, chatter, creator ou custom.</translation>
    </message>
    <message>
        <source>A creator is given by its id (a whole number).</source>
        <translation>Un créateur se désigne par son identifiant (un nombre entier).</translation>
    </message>
    <message>
        <source>A custom role is given by &quot;customRole&quot; (its id), with &quot;role&quot;: &quot;custom&quot;.</source>
        <translation>Un rôle personnalisé se désigne par « customRole » (son identifiant), avec « role » : « custom ».</translation>
    </message>
    <message>
        <source>A creator&apos;s login needs &quot;creator&quot;: the id of their creator profile.</source>
        <translation>Le compte d’un créateur demande « creator » : l’identifiant de son profil de créateur.</translation>
    </message>
    <message>
        <source>Only an owner can make or change an owner.</source>
        <translation>Seul un propriétaire peut nommer ou modifier un propriétaire.</translation>
    </message>
    <message>
        <source>You cannot give or change a role with more rights than yours (%1).</source>
        <translation>Vous ne pouvez pas attribuer ni modifier un rôle qui a plus de droits que le vôtre (%1).</translation>
    </message>
    <message>
        <source>Read data (fans, offers, posts, drafts, earnings)</source>
        <translation>Lire les données (fans, offres, publications, brouillons, revenus)</translation>
    </message>
    <message>
        <source>Write data (imports, drafts, creator profiles)</source>
        <translation>Écrire des données (imports, brouillons, profils des créateurs)</translation>
    </message>
    <message>
        <source>Use the AI tools (ideas, captions, messages, pricing)</source>
        <translation>Utiliser les outils d’IA (idées, légendes, messages, prix)</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clé d’API</translation>
    </message>
    <message>
        <source>Name the key after what will use it.</source>
        <translation>Nommez la clé d’après ce qui va l’utiliser.</translation>
    </message>
    <message>
        <source>Choose what the key may do: one or more of %1.</source>
        <translation>Choisissez ce que la clé peut faire : un ou plusieurs de %1.</translation>
    </message>
    <message>
        <source>Unknown scope; the scopes are %1.</source>
        <translation>Portée inconnue ; les portées sont %1.</translation>
    </message>
    <message>
        <source>&quot;expiresAt&quot; must be an ISO 8601 instant with its offset, like 2027-01-31T00:00:00Z.</source>
        <translation>« expiresAt » doit être un instant ISO 8601 avec son décalage, comme 2027-01-31T00:00:00Z.</translation>
    </message>
    <message>
        <source>Choose an expiry in the future, or none.</source>
        <translation>Choisissez une expiration dans le futur, ou aucune.</translation>
    </message>
</context>
<context>
    <name>huntaze::analytics</name>
    <message>
        <source>Give the time with its offset or Z, like 2026-03-01T18:30:00Z.</source>
        <translation>Indiquez l’heure avec son décalage ou Z, comme 2026-03-01T18:30:00Z.</translation>
    </message>
    <message>
        <source>The date must be between the years 2000 and 2100.</source>
        <translation>La date doit être comprise entre les années 2000 et 2100.</translation>
    </message>
    <message>
        <source>The kind is one of: %1.</source>
        <translation>Le type est l’un de : %1.</translation>
    </message>
    <message>
        <source>The net amount cannot be more than the gross amount.</source>
        <translation>Le montant net ne peut pas dépasser le montant brut.</translation>
    </message>
    <message>
        <source>An expired subscription has no amount.</source>
        <translation>Un abonnement expiré n’a pas de montant.</translation>
    </message>
    <message>
        <source>This amount is in %1 but the account counts in %2. Convert the statement first, or change the account&apos;s currency in Settings.</source>
        <translation>Ce montant est en %1 mais le compte utilise %2. Convertissez d’abord le relevé, ou changez la devise du compte dans Paramètres.</translation>
    </message>
    <message>
        <source>A line of this kind has an amount of at least 0.01.</source>
        <translation>Une ligne de ce type a un montant d’au moins 0,01.</translation>
    </message>
    <message>
        <source>Say who wrote it: fan or team.</source>
        <translation>Indiquez qui l&apos;a écrit : fan ou équipe (fan ou team).</translation>
    </message>
    <message>
        <source>Name the fan of the conversation.</source>
        <translation>Nommez le fan de la conversation.</translation>
    </message>
    <message>
        <source>A fan&apos;s message has no team member.</source>
        <translation>Le message d&apos;un fan n&apos;a pas de membre de l&apos;équipe.</translation>
    </message>
    <message>
        <source>Only the team&apos;s messages have a price.</source>
        <translation>Seuls les messages de l&apos;équipe ont un prix.</translation>
    </message>
    <message>
        <source>A message costs at most %L1.</source>
        <translation>Un message coûte au plus %L1.</translation>
    </message>
    <message>
        <source>Say true or false.</source>
        <translation>Indiquez true ou false.</translation>
    </message>
    <message>
        <source>Only a paid message can be bought.</source>
        <translation>Seul un message payant peut être acheté.</translation>
    </message>
    <message>
        <source>Name the team member by id or by email, not both.</source>
        <translation>Désignez le membre de l’équipe par son identifiant ou par son e-mail, pas les deux.</translation>
    </message>
    <message>
        <source>Name the team member by their email, like lea@example.com.</source>
        <translation>Désignez le membre de l’équipe par son e-mail, comme lea@example.com.</translation>
    </message>
    <message>
        <source>Name the post (its id or link).</source>
        <translation>Indiquez la publication (son identifiant ou son lien).</translation>
    </message>
    <message>
        <source>The day is before the post went up.</source>
        <translation>Ce jour est antérieur à la mise en ligne de la publication.</translation>
    </message>
    <message>
        <source>Credit sales by &quot;sender&quot;, &quot;shift&quot; or &quot;last_writer&quot;.</source>
        <translation>Attribuez les ventes par « sender », « shift » ou « last_writer ».</translation>
    </message>
    <message>
        <source>An amount cannot be negative.</source>
        <translation>Un montant ne peut pas être négatif.</translation>
    </message>
</context>
<context>
    <name>huntaze::analytics::Dashboard</name>
    <message>
        <source>Give a day between 2000-01-01 and 2100-12-31, written 2026-01-31.</source>
        <translation>Indiquez un jour entre le 2000-01-01 et le 2100-12-31, écrit 2026-01-31.</translation>
    </message>
    <message>
        <source>Use all=1 or leave it out.</source>
        <translation>Utilisez all=1 ou omettez-le.</translation>
    </message>
    <message>
        <source>Use day, week or month.</source>
        <translation>Utilisez day, week ou month.</translation>
    </message>
    <message>
        <source>Use gross or net.</source>
        <translation>Utilisez gross ou net.</translation>
    </message>
    <message>
        <source>The first day comes after the last one.</source>
        <translation>Le premier jour est après le dernier.</translation>
    </message>
</context>
<context>
    <name>huntaze::apierrors</name>
    <message>
        <source>Cannot reach %1. Check your internet connection.</source>
        <translation>Impossible de joindre %1. Vérifiez votre connexion Internet.</translation>
    </message>
    <message>
        <source>The connection to %1 was lost before the answer was complete.</source>
        <translation>La connexion à %1 a été perdue avant la fin de la réponse.</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 seconds.</source>
        <translation>%1 n&apos;a pas répondu dans un délai de %2 secondes.</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed. Its certificate may be invalid.</source>
        <translation>La connexion sécurisée à %1 a échoué. Son certificat est peut-être invalide.</translation>
    </message>
    <message>
        <source>The server answered with error %1.</source>
        <translation>Le serveur a répondu par l&apos;erreur %1.</translation>
    </message>
    <message>
        <source>The server answered with error %1: %2</source>
        <translation>Le serveur a répondu par l&apos;erreur %1 : %2</translation>
    </message>
    <message>
        <source>%1 sent an answer Huntaze cannot read.</source>
        <translation>%1 a envoyé une réponse que Huntaze ne peut pas lire.</translation>
    </message>
    <message>
        <source>%1 failed several times in a row, so Huntaze paused calls to it. It will try again at %2.</source>
        <translation>%1 a échoué plusieurs fois de suite : Huntaze a suspendu ses appels et réessaiera à %2.</translation>
    </message>
    <message>
        <source>%1 asked Huntaze to slow down: rate limited until %2.</source>
        <translation>%1 a demandé à Huntaze de ralentir : appels limités jusqu’à %2.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>Huntaze does not trust the certificate of %1: %2 Nothing was sent. If this is your agency&apos;s server, ask its operator for a certificate from a known authority, or install its authority on this computer.</source>
        <translation>Huntaze ne fait pas confiance au certificat de %1 : %2 Rien n’a été envoyé. S’il s’agit du serveur de votre agence, demandez à son administrateur un certificat d’une autorité reconnue, ou installez son autorité sur cet ordinateur.</translation>
    </message>
</context>
<context>
    <name>huntaze::audit</name>
    <message>
        <source>Created the account</source>
        <translation>A créé le compte</translation>
    </message>
    <message>
        <source>Joined with an invitation</source>
        <translation>A rejoint l’agence avec une invitation</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>S’est connecté</translation>
    </message>
    <message>
        <source>Imported rows</source>
        <translation>A importé des lignes</translation>
    </message>
    <message>
        <source>Saved a draft</source>
        <translation>A enregistré un brouillon</translation>
    </message>
    <message>
        <source>Changed a setting</source>
        <translation>A modifié un réglage</translation>
    </message>
    <message>
        <source>Edited the creator&apos;s profile</source>
        <translation>A modifié le profil du créateur</translation>
    </message>
    <message>
        <source>Invited someone</source>
        <translation>A invité quelqu’un</translation>
    </message>
    <message>
        <source>Changed a member&apos;s role or creators</source>
        <translation>A modifié le rôle ou les créateurs d’un membre</translation>
    </message>
    <message>
        <source>Removed a member</source>
        <translation>A retiré un membre</translation>
    </message>
    <message>
        <source>Made a role</source>
        <translation>A créé un rôle</translation>
    </message>
    <message>
        <source>Added a creator</source>
        <translation>A ajouté un créateur</translation>
    </message>
    <message>
        <source>Archived a creator</source>
        <translation>A archivé un créateur</translation>
    </message>
    <message>
        <source>Clocked in</source>
        <translation>A pointé son arrivée</translation>
    </message>
    <message>
        <source>Clocked out</source>
        <translation>A pointé son départ</translation>
    </message>
    <message>
        <source>Changed the shift schedule</source>
        <translation>A modifié le planning</translation>
    </message>
    <message>
        <source>&quot;action&quot; must be one of: %1.</source>
        <translation>« action » doit être l’une de ces valeurs : %1.</translation>
    </message>
    <message>
        <source>Copied fan messages to send</source>
        <translation>A copié des messages à envoyer aux fans</translation>
    </message>
    <message>
        <source>Exported fan messages</source>
        <translation>A exporté des messages aux fans</translation>
    </message>
    <message>
        <source>Copied a draft</source>
        <translation>A copié un brouillon</translation>
    </message>
    <message>
        <source>Changed their password</source>
        <translation>A changé son mot de passe</translation>
    </message>
    <message>
        <source>Signed out everywhere</source>
        <translation>S’est déconnecté partout</translation>
    </message>
    <message>
        <source>Ended a member&apos;s sessions</source>
        <translation>A mis fin aux sessions d’un membre</translation>
    </message>
    <message>
        <source>Session ended: a used sign-in token came back (a copy may have been stolen)</source>
        <translation>Session terminée : un jeton de connexion déjà utilisé a été présenté de nouveau (une copie a peut-être été volée)</translation>
    </message>
    <message>
        <source>Made an API key</source>
        <translation>A créé une clé d’API</translation>
    </message>
    <message>
        <source>Revoked an API key</source>
        <translation>A révoqué une clé d’API</translation>
    </message>
    <message>
        <source>Issued a password reset code</source>
        <translation>A émis un code de réinitialisation du mot de passe</translation>
    </message>
    <message>
        <source>Reset their password with a code</source>
        <translation>A réinitialisé son mot de passe avec un code</translation>
    </message>
    <message>
        <source>Changed how sales are credited to the team</source>
        <translation>A changé la façon d’attribuer les ventes à l’équipe</translation>
    </message>
    <message>
        <source>Deleted a draft</source>
        <translation>A supprimé un brouillon</translation>
    </message>
    <message>
        <source>Resolved two versions of a draft</source>
        <translation>A départagé deux versions d’un brouillon</translation>
    </message>
</context>
<context>
    <name>huntaze::creatorcsv</name>
    <message>
        <source>Line %1: %2</source>
        <translation>Ligne %1 : %2</translation>
    </message>
    <message>
        <source>Nothing was imported. Fix these rows and try again:
%1</source>
        <translation>Rien n&apos;a été importé. Corrigez ces lignes et réessayez :
%1</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Le fichier est vide.</translation>
    </message>
    <message>
        <source>The first line must name the columns; missing: %1.</source>
        <translation>La première ligne doit nommer les colonnes ; il manque : %1.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>Impossible d&apos;ouvrir %1 : %2</translation>
    </message>
    <message>
        <source>total_spend &quot;%1&quot; is not an amount like 12.50.</source>
        <translation>total_spend « %1 » n’est pas un montant comme 12.50.</translation>
    </message>
    <message>
        <source>last_active &quot;%1&quot; is not a date like 2026-01-31.</source>
        <translation>last_active « %1 » n’est pas une date comme 2026-01-31.</translation>
    </message>
    <message>
        <source>price &quot;%1&quot; is not an amount like 12.50.</source>
        <translation>price « %1 » n’est pas un montant comme 12.50.</translation>
    </message>
    <message>
        <source>recipients &quot;%1&quot; is not a whole number.</source>
        <translation>recipients « %1 » n’est pas un nombre entier.</translation>
    </message>
    <message>
        <source>purchases &quot;%1&quot; is not a whole number.</source>
        <translation>purchases « %1 » n’est pas un nombre entier.</translation>
    </message>
    <message>
        <source>sent_on &quot;%1&quot; is not a date like 2026-01-31.</source>
        <translation>sent_on « %1 » n’est pas une date comme 2026-01-31.</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more problems.</source>
        <translation>
            <numerusform>…et %n autre problème.</numerusform>
            <numerusform>…et %n autres problèmes.</numerusform>
        </translation>
    </message>
    <message>
        <source>engagement &quot;%1&quot; is not a whole number.</source>
        <translation>engagement « %1 » n’est pas un nombre entier.</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not a whole number.</source>
        <translation>%1 « %2 » n’est pas un nombre entier.</translation>
    </message>
    <message>
        <source>posted_on &quot;%1&quot; is not a date like 2026-01-31.</source>
        <translation>posted_on « %1 » n’est pas une date comme 2026-01-31.</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Date et heure</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Amount (gross)</source>
        <translation>Montant (brut)</translation>
    </message>
    <message>
        <source>Net amount</source>
        <translation>Montant net</translation>
    </message>
    <message>
        <source>Fan</source>
        <translation>Fan</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source>Choose the column of: %1.</source>
        <translation>Choisissez la colonne de : %1.</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not a date and time like 2026-03-01 18:30.</source>
        <translation>%1 « %2 » n’est pas une date et une heure comme 2026-03-01 18:30.</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not a kind of earning (subscription, renewal, expired, tip, post, message, mass message, stream, referral, custom).</source>
        <translation>%1 « %2 » n’est pas un type de revenu (subscription, renewal, expired, tip, post, message, mass message, stream, referral, custom).</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not an amount like 12.50.</source>
        <translation>%1 « %2 » n’est pas un montant comme 12.50.</translation>
    </message>
    <message>
        <source>Written by (fan or team)</source>
        <translation>Écrit par (fan ou équipe)</translation>
    </message>
    <message>
        <source>Team member (email)</source>
        <translation>Membre de l’équipe (e-mail)</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <source>Bought</source>
        <translation>Acheté</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; does not say who wrote: fan or team (in or out, received or sent).</source>
        <translation>%1 « %2 » ne dit pas qui a écrit : fan ou équipe (in ou out, reçu ou envoyé).</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not yes or no.</source>
        <translation>%1 « %2 » n’est ni oui ni non.</translation>
    </message>
    <message>
        <source>Post (id or link)</source>
        <translation>Publication (identifiant ou lien)</translation>
    </message>
    <message>
        <source>Posted at</source>
        <translation>Mise en ligne le</translation>
    </message>
    <message>
        <source>Day of the figures</source>
        <translation>Jour des chiffres</translation>
    </message>
    <message>
        <source>Likes</source>
        <translation>J’aime</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Commentaires</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Vues</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>Légende</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not a date like 2026-03-01.</source>
        <translation>%1 « %2 » n’est pas une date comme 2026-03-01.</translation>
    </message>
</context>
<context>
    <name>huntaze::credentials</name>
    <message>
        <source>Enter your email address.</source>
        <translation>Saisissez votre adresse e-mail.</translation>
    </message>
    <message>
        <source>Enter an email address like name@example.com.</source>
        <translation>Saisissez une adresse e-mail comme nom@exemple.com.</translation>
    </message>
    <message numerus="yes">
        <source>Use at least %n characters for your password.</source>
        <translation>
            <numerusform>Utilisez au moins %n caractère pour votre mot de passe.</numerusform>
            <numerusform>Utilisez au moins %n caractères pour votre mot de passe.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Use at most %n characters for your password.</source>
        <translation>
            <numerusform>Utilisez au plus %n caractère pour votre mot de passe.</numerusform>
            <numerusform>Utilisez au plus %n caractères pour votre mot de passe.</numerusform>
        </translation>
    </message>
    <message>
        <source>A password cannot be only spaces.</source>
        <translation>Un mot de passe ne peut pas contenir que des espaces.</translation>
    </message>
</context>
<context>
    <name>huntaze::csvexport</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
</context>
<context>
    <name>huntaze::demodata</name>
    <message>
        <source>The demo agency is for a new agency: this one already has creators, members or data.</source>
        <translation>L’agence de démonstration est réservée à une nouvelle agence : celle-ci a déjà des créateurs, des membres ou des données.</translation>
    </message>
</context>
<context>
    <name>huntaze::fanmessages</name>
    <message>
        <source>Re-engage fans who went quiet</source>
        <translation>Relancer les fans devenus silencieux</translation>
    </message>
    <message>
        <source>Hey {{fan.first_name|you}}, I&apos;ve missed you around here! {{#fan.last_purchase}}You loved {{fan.last_purchase}}, so I saved something similar just for you. {{/fan.last_purchase}}Come say hi? 💕 {{creator.name}}</source>
        <translation>Coucou {{fan.first_name|toi}}, tu m&apos;as manqué ! {{#fan.last_purchase}}Tu as adoré {{fan.last_purchase}}, alors je t&apos;ai gardé quelque chose dans le même esprit. {{/fan.last_purchase}}Tu passes me dire bonjour ? 💕 {{creator.name}}</translation>
    </message>
    <message>
        <source>Thank a top spender</source>
        <translation>Remercier un grand fan</translation>
    </message>
    <message>
        <source>{{fan.first_name|Babe}}, {{#fan.is_top_spender}}you&apos;re one of my favourite people here and {{/fan.is_top_spender}}I wanted to say thank you. Something special is coming your way first. — {{creator.name}}</source>
        <translation>{{fan.first_name|Mon cœur}}, {{#fan.is_top_spender}}tu fais partie de mes personnes préférées ici et {{/fan.is_top_spender}}je voulais te dire merci. Quelque chose de spécial t&apos;arrive en avant-première. — {{creator.name}}</translation>
    </message>
    <message>
        <source>Tease new content</source>
        <translation>Teaser un nouveau contenu</translation>
    </message>
    <message>
        <source>Hi {{fan.first_name|there}}! New {{creator.niche|content}} drops tonight and I think you&apos;ll love it. {{^fan.last_purchase}}It&apos;s the perfect place to start. {{/fan.last_purchase}}Want a sneak peek?</source>
        <translation>Salut {{fan.first_name|toi}} ! Du nouveau contenu {{creator.niche|exclusif}} arrive ce soir et je pense que tu vas adorer. {{^fan.last_purchase}}C&apos;est parfait pour commencer. {{/fan.last_purchase}}Tu veux un aperçu ?</translation>
    </message>
</context>
<context>
    <name>huntaze::jsonfield</name>
    <message>
        <source>&quot;%1&quot; is required.</source>
        <translation>« %1 » est obligatoire.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a string.</source>
        <translation>« %1 » doit être un texte.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a number.</source>
        <translation>« %1 » doit être un nombre.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a list.</source>
        <translation>« %1 » doit être une liste.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has more than %2 items: send it in parts.</source>
        <translation>« %1 » a plus de %2 éléments : envoyez-le en plusieurs parties.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a list of texts.</source>
        <translation>« %1 » doit être une liste de textes.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a date like 2026-01-31.</source>
        <translation>« %1 » n&apos;est pas une date comme 2026-01-31.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time like 2026-01-31T18:00:00Z.</source>
        <translation>« %1 » n’est pas une heure comme 2026-01-31T18:00:00Z.</translation>
    </message>
</context>
<context>
    <name>huntaze::money</name>
    <message>
        <source>US dollar</source>
        <translation>Dollar américain</translation>
    </message>
    <message>
        <source>Euro</source>
        <translation>Euro</translation>
    </message>
    <message>
        <source>Pound sterling</source>
        <translation>Livre sterling</translation>
    </message>
    <message>
        <source>Canadian dollar</source>
        <translation>Dollar canadien</translation>
    </message>
    <message>
        <source>Australian dollar</source>
        <translation>Dollar australien</translation>
    </message>
    <message>
        <source>Swiss franc</source>
        <translation>Franc suisse</translation>
    </message>
    <message>
        <source>Brazilian real</source>
        <translation>Réal brésilien</translation>
    </message>
    <message>
        <source>Mexican peso</source>
        <translation>Peso mexicain</translation>
    </message>
</context>
<context>
    <name>huntaze::rules</name>
    <message>
        <source>This text contains a character that cannot be stored (a NUL character or half of an emoji&apos;s code), at position %1.</source>
        <translation>Ce texte contient un caractère qui ne peut pas être enregistré (un caractère NUL ou la moitié du code d&apos;un emoji), à la position %1.</translation>
    </message>
    <message numerus="yes">
        <source>Use at most %n characters.</source>
        <translation>
            <numerusform>Utilisez au plus %n caractère.</numerusform>
            <numerusform>Utilisez au plus %n caractères.</numerusform>
        </translation>
    </message>
    <message>
        <source>An amount is from 0 to %1, in whole cents (like 12.50).</source>
        <translation>Un montant va de 0 à %1, en centimes entiers (comme 12,50).</translation>
    </message>
    <message>
        <source>An amount is above 0 and at most %1, in whole cents (like 12.50).</source>
        <translation>Un montant est supérieur à 0 et d&apos;au plus %1, en centimes entiers (comme 12,50).</translation>
    </message>
    <message>
        <source>Enter a whole number from %1 to %2.</source>
        <translation>Saisissez un nombre entier de %1 à %2.</translation>
    </message>
    <message numerus="yes">
        <source>Use at most %n labels.</source>
        <translation>
            <numerusform>Utilisez au plus %n étiquette.</numerusform>
            <numerusform>Utilisez au plus %n étiquettes.</numerusform>
        </translation>
    </message>
    <message>
        <source>A preference is at most %1 KiB of JSON.</source>
        <translation>Une préférence fait au plus %1 Kio de JSON.</translation>
    </message>
    <message>
        <source>A preference name is a letter followed by up to 63 letters, digits, dots, dashes or underscores.</source>
        <translation>Un nom de préférence est une lettre suivie d&apos;au plus 63 lettres, chiffres, points, tirets ou tirets bas.</translation>
    </message>
</context>
<context>
    <name>huntaze::server::AccountRoutes</name>
    <message>
        <source>Send the refresh token as &quot;refreshToken&quot;.</source>
        <translation>Envoyez le jeton de renouvellement dans « refreshToken ».</translation>
    </message>
</context>
<context>
    <name>huntaze::server::AgencyRoutes</name>
    <message>
        <source>&quot;scope&quot; must be all, assigned or own.</source>
        <translation>« scope » doit valoir all, assigned ou own.</translation>
    </message>
    <message>
        <source>A permission is given by its id.</source>
        <translation>Une permission se désigne par son identifiant.</translation>
    </message>
    <message>
        <source>Give the creator a name.</source>
        <translation>Donnez un nom au créateur.</translation>
    </message>
    <message>
        <source>&quot;action&quot; must be one of: %1.</source>
        <translation>« action » doit valoir l’une de ces valeurs : %1.</translation>
    </message>
    <message>
        <source>&quot;member&quot; must be a member&apos;s id.</source>
        <translation>« member » doit être l’identifiant d’un membre.</translation>
    </message>
    <message>
        <source>Type the agency&apos;s name in &quot;confirm&quot; to delete it.</source>
        <translation>Indiquez le nom de l’agence dans « confirm » pour la supprimer.</translation>
    </message>
</context>
<context>
    <name>huntaze::server::AiRoutes</name>
    <message>
        <source>Unknown platform &quot;%1&quot;; use one of: %2.</source>
        <translation>Plateforme inconnue « %1 » ; utilisez l&apos;une de : %2.</translation>
    </message>
    <message>
        <source>Unknown tool &quot;%1&quot;; use one of: %2.</source>
        <translation>Outil inconnu « %1 » ; utilisez l&apos;un de : %2.</translation>
    </message>
    <message>
        <source>&quot;input&quot; must be a JSON object.</source>
        <translation>« input » doit être un objet JSON.</translation>
    </message>
</context>
<context>
    <name>huntaze::server::AnalyticsRoutes</name>
    <message>
        <source>Each line must be an object.</source>
        <translation>Chaque ligne doit être un objet.</translation>
    </message>
</context>
<context>
    <name>huntaze::server::CreatorDataRoutes</name>
    <message>
        <source>The preference &quot;%1&quot; was never set.</source>
        <translation>La préférence « %1 » n&apos;a jamais été définie.</translation>
    </message>
    <message>
        <source>The draft&apos;s id must be a UUID.</source>
        <translation>L’identifiant du brouillon doit être un UUID.</translation>
    </message>
    <message>
        <source>The draft&apos;s id differs from the one in its address.</source>
        <translation>L’identifiant du brouillon diffère de celui de son adresse.</translation>
    </message>
</context>
<context>
    <name>huntaze::server::HttpConnection</name>
    <message>
        <source>This request is not valid HTTP/1.1, so the server closed the connection.</source>
        <translation>Cette requête n&apos;est pas du HTTP/1.1 valide : le serveur a fermé la connexion.</translation>
    </message>
    <message>
        <source>The request did not arrive in time, so the server closed the connection.</source>
        <translation>La requête n&apos;est pas arrivée à temps : le serveur a fermé la connexion.</translation>
    </message>
    <message>
        <source>The request line is too long.</source>
        <translation>La ligne de requête est trop longue.</translation>
    </message>
    <message>
        <source>The request&apos;s header fields are too large (at most %1 KiB).</source>
        <translation>Les champs d&apos;en-tête de la requête sont trop volumineux (au plus %1 Kio).</translation>
    </message>
    <message>
        <source>The request body is larger than this server accepts (%1 KiB). Send the data in smaller parts.</source>
        <translation>Le corps de la requête dépasse ce que ce serveur accepte (%1 Kio). Envoyez les données en plusieurs parties.</translation>
    </message>
    <message>
        <source>The request has more than %1 header fields.</source>
        <translation>La requête a plus de %1 champs d&apos;en-tête.</translation>
    </message>
</context>
<context>
    <name>huntaze::server::HttpRequest</name>
    <message>
        <source>The request body must be a JSON object.</source>
        <translation>Le corps de la requête doit être un objet JSON.</translation>
    </message>
    <message>
        <source>Send the request body as JSON, with Content-Type: application/json.</source>
        <translation>Envoyez le corps de la requête en JSON, avec Content-Type: application/json.</translation>
    </message>
</context>
<context>
    <name>huntaze::server::HttpResponse</name>
    <message>
        <source>The AI service behind this server is busy or failing. Try again in a moment.</source>
        <translation>Le service d&apos;IA derrière ce serveur est surchargé ou en échec. Réessayez dans un instant.</translation>
    </message>
    <message>
        <source>The AI service behind this server did not answer in time. Try again.</source>
        <translation>Le service d&apos;IA derrière ce serveur n&apos;a pas répondu à temps. Réessayez.</translation>
    </message>
    <message>
        <source>The AI service behind this server failed. Try again later; if it keeps failing, tell your administrator.</source>
        <translation>Le service d&apos;IA derrière ce serveur a échoué. Réessayez plus tard ; si cela persiste, prévenez votre administrateur.</translation>
    </message>
    <message>
        <source>The server is shutting down. Try again in a moment.</source>
        <translation>Le serveur est en cours d&apos;arrêt. Réessayez dans un instant.</translation>
    </message>
    <message>
        <source>The server could not complete this request. If it keeps happening, give your administrator the request id.</source>
        <translation>Le serveur n&apos;a pas pu traiter cette requête. Si cela se reproduit, donnez l&apos;identifiant de la requête à votre administrateur.</translation>
    </message>
    <message>
        <source>The server cannot reach its database. Try again in a moment.</source>
        <translation>Le serveur ne parvient pas à joindre sa base de données. Réessayez dans un instant.</translation>
    </message>
</context>
<context>
    <name>huntaze::server::HuntazeServer</name>
    <message>
        <source>The server is starting and waits for its database. Try again in a moment.</source>
        <translation>Le serveur démarre et attend sa base de données. Réessayez dans un instant.</translation>
    </message>
    <message>
        <source>Metrics are off on this server: its operator sets HUNTAZE_METRICS_TOKEN to scrape them.</source>
        <translation>Les métriques sont désactivées sur ce serveur : son administrateur définit HUNTAZE_METRICS_TOKEN pour les collecter.</translation>
    </message>
    <message>
        <source>Send the scrape token (HUNTAZE_METRICS_TOKEN) as a Bearer token.</source>
        <translation>Envoyez le jeton de collecte (HUNTAZE_METRICS_TOKEN) comme jeton Bearer.</translation>
    </message>
</context>
<context>
    <name>huntaze::server::ImportRoutes</name>
    <message>
        <source>This import does not exist any more (committed, abandoned, or older than a day). Start the import again.</source>
        <translation>Cet import n&apos;existe plus (validé, abandonné ou vieux de plus d&apos;un jour). Recommencez l&apos;import.</translation>
    </message>
    <message>
        <source>An import holds at most %1 rows.</source>
        <translation>Un import contient au plus %1 lignes.</translation>
    </message>
    <message>
        <source>&quot;kind&quot; must be fans, offers, posts, earnings, messages or engagement.</source>
        <translation>« kind » doit valoir fans, offers, posts, earnings, messages ou engagement.</translation>
    </message>
</context>
<context>
    <name>huntaze::server::RateLimits</name>
    <message>
        <source>Too many requests. Wait %1 s, then try again.</source>
        <translation>Trop de requêtes. Attendez %1 s, puis réessayez.</translation>
    </message>
</context>
<context>
    <name>huntaze::server::Router</name>
    <message>
        <source>%1 is not supported here; use %2.</source>
        <translation>%1 n&apos;est pas pris en charge ici ; utilisez %2.</translation>
    </message>
    <message>
        <source>There is no %1 here.</source>
        <translation>Il n&apos;y a pas de %1 ici.</translation>
    </message>
</context>
<context>
    <name>huntaze::server::ServerContext</name>
    <message>
        <source>&quot;creator&quot; must be a creator&apos;s id (a whole number).</source>
        <translation>« creator » doit être l’identifiant d’un créateur (un nombre entier).</translation>
    </message>
    <message>
        <source>There is nothing at this address.</source>
        <translation>Il n’y a rien à cette adresse.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a date and time like 2026-11-30T09:00:00Z.</source>
        <translation>« %1 » doit être une date et une heure comme 2026-11-30T09:00:00Z.</translation>
    </message>
    <message>
        <source>API keys work on creators&apos; data and the AI tools; the team, sessions and shifts need a person signed in.</source>
        <translation>Les clés d’API agissent sur les données des créateurs et les outils d’IA ; l’équipe, les sessions et les services demandent une personne connectée.</translation>
    </message>
    <message>
        <source>The Idempotency-Key header must be 1 to 255 visible ASCII characters (a UUID will do).</source>
        <translation>L’en-tête Idempotency-Key doit compter de 1 à 255 caractères ASCII visibles (un UUID convient).</translation>
    </message>
    <message>
        <source>This Idempotency-Key was used for another request. Use a new key for each change.</source>
        <translation>Cette Idempotency-Key a servi à une autre requête. Utilisez une nouvelle clé pour chaque modification.</translation>
    </message>
    <message>
        <source>A request with this Idempotency-Key is being answered. Try again in a moment to get its answer.</source>
        <translation>Une requête avec cette Idempotency-Key est en cours de réponse. Réessayez dans un instant pour obtenir sa réponse.</translation>
    </message>
    <message>
        <source>This change was already made by an earlier try with the same Idempotency-Key, whose answer was lost. Reload to see it.</source>
        <translation>Cette modification a déjà été faite par un essai précédent avec la même Idempotency-Key, dont la réponse s’est perdue. Rechargez pour la voir.</translation>
    </message>
</context>
<context>
    <name>huntaze::server::ShiftRoutes</name>
    <message>
        <source>&quot;%1&quot; is required.</source>
        <translation>« %1 » est obligatoire.</translation>
    </message>
</context>
<context>
    <name>huntaze::server::SyncRoutes</name>
    <message>
        <source>Mutations must follow on from the last one applied; send again from %1.</source>
        <translation>Les modifications doivent suivre la dernière appliquée ; renvoyez-les à partir de %1.</translation>
    </message>
</context>
<context>
    <name>huntaze::shifts</name>
    <message>
        <source>The period must end after it starts.</source>
        <translation>La période doit finir après son début.</translation>
    </message>
    <message>
        <source>A report covers at most a year.</source>
        <translation>Un rapport couvre au plus une année.</translation>
    </message>
    <message>
        <source>%1 h %2</source>
        <translation>%1 h %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is required.</source>
        <translation>« %1 » est obligatoire.</translation>
    </message>
    <message>
        <source>&quot;start&quot; must be a time of day like 09:30.</source>
        <translation>« start » doit être une heure comme 09:30.</translation>
    </message>
    <message>
        <source>&quot;timeZone&quot; must be a time zone like Europe/Paris.</source>
        <translation>« timeZone » doit être un fuseau horaire comme Europe/Paris.</translation>
    </message>
</context>
<context>
    <name>huntaze::sync::Mutation</name>
    <message>
        <source>Each mutation must be a JSON object.</source>
        <translation>Chaque modification doit être un objet JSON.</translation>
    </message>
    <message>
        <source>&quot;id&quot; is required.</source>
        <translation>« id » est obligatoire.</translation>
    </message>
    <message>
        <source>&quot;entity&quot; must be one of: %1.</source>
        <translation>« entity » doit être l’un de : %1.</translation>
    </message>
    <message>
        <source>&quot;entityId&quot; must be a UUID.</source>
        <translation>« entityId » doit être un UUID.</translation>
    </message>
    <message>
        <source>&quot;op&quot; must be put or delete.</source>
        <translation>« op » doit être put ou delete.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be an object.</source>
        <translation>« %1 » doit être un objet.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is larger than %2 KiB.</source>
        <translation>« %1 » dépasse %2 Kio.</translation>
    </message>
</context>
<context>
    <name>huntaze::sync::Replica</name>
    <message>
        <source>Choose whose draft this is.</source>
        <translation>Choisissez à qui est ce brouillon.</translation>
    </message>
</context>
<context>
    <name>huntaze::sync::SyncService</name>
    <message>
        <source>&quot;clientId&quot; must be a UUID.</source>
        <translation>« clientId » doit être un UUID.</translation>
    </message>
    <message>
        <source>Your role does not keep drafts.</source>
        <translation>Votre rôle ne garde pas de brouillons.</translation>
    </message>
    <message>
        <source>A new draft needs the id of its creator (&quot;creatorId&quot;).</source>
        <translation>Un nouveau brouillon a besoin de l’identifiant de son créateur (« creatorId »).</translation>
    </message>
    <message>
        <source>The draft was changed on another device after this one last saw it, so it was kept.</source>
        <translation>Le brouillon a été modifié sur un autre appareil depuis que celui-ci l’a vu : il a été gardé.</translation>
    </message>
    <message>
        <source>Another draft has this id; this one was not saved.</source>
        <translation>Un autre brouillon a cet identifiant ; celui-ci n’a pas été enregistré.</translation>
    </message>
    <message>
        <source>&quot;creators&quot; must be a list of creator ids.</source>
        <translation>« creators » doit être une liste d’identifiants de créateurs.</translation>
    </message>
    <message>
        <source>A conflict can only be resolved (deleted).</source>
        <translation>Un conflit ne peut qu’être résolu (supprimé).</translation>
    </message>
    <message>
        <source>&quot;page&quot; must be the &quot;next&quot; of the previous answer: {&quot;upTo&quot;, &quot;after&quot;}.</source>
        <translation>« page » doit être le « next » de la réponse précédente : {« upTo », « after »}.</translation>
    </message>
    <message>
        <source>&quot;tables&quot; must be a list of the tables a pull names (%1).</source>
        <translation>« tables » doit être une liste des tables qu’une synchronisation nomme (%1).</translation>
    </message>
    <message>
        <source>A preference can be set, not deleted.</source>
        <translation>Une préférence se modifie, elle ne se supprime pas.</translation>
    </message>
    <message>
        <source>A preference needs the id of its creator (&quot;creatorId&quot;).</source>
        <translation>Une préférence a besoin de l’identifiant de son créateur (&quot;creatorId&quot;).</translation>
    </message>
    <message>
        <source>Your role does not change creators&apos; preferences.</source>
        <translation>Votre rôle ne modifie pas les préférences des créateurs.</translation>
    </message>
    <message>
        <source>This preference was changed on another device after this one last saw it; the other device&apos;s choice was kept.</source>
        <translation>Cette préférence a été modifiée sur un autre appareil après que celui-ci l’a vue ; le choix de l’autre appareil a été conservé.</translation>
    </message>
    <message>
        <source>Imported rows can be added, not deleted.</source>
        <translation>Des lignes importées peuvent être ajoutées, pas supprimées.</translation>
    </message>
    <message>
        <source>Imported rows need the id of their creator (&quot;creatorId&quot;).</source>
        <translation>Des lignes importées ont besoin de l’identifiant de leur créatrice (« creatorId »).</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::ActivityPage</name>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Export the activity</source>
        <translation>Exporter l’activité</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Exporté dans %1.</translation>
    </message>
    <message>
        <source>Who did what</source>
        <translation>Qui a fait quoi</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Concernant</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>Creator</source>
        <translation>Créateur</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Tout</translation>
    </message>
    <message>
        <source>Every creator</source>
        <translation>Tous les créateurs</translation>
    </message>
    <message>
        <source>The agency</source>
        <translation>L’agence</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::AgencyChattersModel</name>
    <message>
        <source>Team member</source>
        <translation>Membre de l’équipe</translation>
    </message>
    <message>
        <source>Creator</source>
        <translation>Créateur</translation>
    </message>
    <message>
        <source>Messages sent</source>
        <translation>Messages envoyés</translation>
    </message>
    <message>
        <source>Paid sent</source>
        <translation>Payants envoyés</translation>
    </message>
    <message>
        <source>Bought</source>
        <translation>Acheté</translation>
    </message>
    <message>
        <source>Purchase rate</source>
        <translation>Taux d’achat</translation>
    </message>
    <message>
        <source>Median reply</source>
        <translation>Réponse médiane</translation>
    </message>
    <message>
        <source>90th percentile reply</source>
        <translation>Réponse au 90e centile</translation>
    </message>
    <message>
        <source>Sales attributed</source>
        <translation>Ventes attribuées</translation>
    </message>
    <message>
        <source>Member %1</source>
        <translation>Membre %1</translation>
    </message>
    <message>
        <source>Every creator</source>
        <translation>Tous les créateurs</translation>
    </message>
    <message>
        <source>Creator %1</source>
        <translation>Créateur %1</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::AgencyCreatorsModel</name>
    <message>
        <source>Creator</source>
        <translation>Créateur</translation>
    </message>
    <message>
        <source>Earnings</source>
        <translation>Revenus</translation>
    </message>
    <message>
        <source>vs previous period</source>
        <translation>vs période précédente</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Part</translation>
    </message>
    <message>
        <source>Active subscribers</source>
        <translation>Abonnés actifs</translation>
    </message>
    <message>
        <source>New subscribers</source>
        <translation>Nouveaux abonnés</translation>
    </message>
    <message>
        <source>Spenders</source>
        <translation>Acheteurs</translation>
    </message>
    <message>
        <source>Conversion</source>
        <translation>Conversion</translation>
    </message>
    <message>
        <source>Weekly trend</source>
        <translation>Tendance hebdomadaire</translation>
    </message>
    <message>
        <source>Nothing earned in the previous period</source>
        <translation>Aucun revenu sur la période précédente</translation>
    </message>
    <message>
        <source>%1 of the earnings of the creators paid in %2</source>
        <translation>%1 des revenus des créateurs payés en %2</translation>
    </message>
    <message>
        <source>Earnings by week: %1</source>
        <translation>Revenus par semaine : %1</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::ApiKeysCard</name>
    <message>
        <source>API keys</source>
        <translation>Clés d’API</translation>
    </message>
    <message>
        <source>For your agency&apos;s own scripts and tools: a key works on every creator with what its scopes allow, never on the team, sessions or shifts. Send it as &quot;Authorization: Bearer &lt;key&gt;&quot;.</source>
        <translation>Pour les scripts et outils de votre agence : une clé agit sur tous les créateurs selon ce que ses portées permettent, jamais sur l’équipe, les sessions ou les services. Envoyez-la comme « Authorization: Bearer &lt;clé&gt; ».</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <source>Scopes</source>
        <translation>Portées</translation>
    </message>
    <message>
        <source>Made by</source>
        <translation>Créée par</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Dernière utilisation</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Key name</source>
        <translation>Nom de la clé</translation>
    </message>
    <message>
        <source>Reporting script, Zapier…</source>
        <translation>Script de rapports, Zapier…</translation>
    </message>
    <message>
        <source>Na&amp;me</source>
        <translation>Nom de la c&amp;lé</translation>
    </message>
    <message>
        <source>It may</source>
        <translation>Elle peut</translation>
    </message>
    <message>
        <source>Key expiry</source>
        <translation>Expiration de la clé</translation>
    </message>
    <message>
        <source>Never expires</source>
        <translation>N’expire jamais</translation>
    </message>
    <message>
        <source>Expires in 30 days</source>
        <translation>Expire dans 30 jours</translation>
    </message>
    <message>
        <source>Expires in 90 days</source>
        <translation>Expire dans 90 jours</translation>
    </message>
    <message>
        <source>Expires in a year</source>
        <translation>Expire dans un an</translation>
    </message>
    <message>
        <source>E&amp;xpiry</source>
        <translation>E&amp;xpiration</translation>
    </message>
    <message>
        <source>Make the key</source>
        <translation>Créer la clé</translation>
    </message>
    <message>
        <source>Revoke the selected key</source>
        <translation>Révoquer la clé sélectionnée</translation>
    </message>
    <message>
        <source>Revoke %1?</source>
        <translation>Révoquer %1 ?</translation>
    </message>
    <message>
        <source>Whatever uses this key stops working at once. This cannot be undone.</source>
        <translation>Tout ce qui utilise cette clé cesse aussitôt de fonctionner. C’est définitif.</translation>
    </message>
    <message>
        <source>The new key</source>
        <translation>La nouvelle clé</translation>
    </message>
    <message>
        <source>Copy key</source>
        <translation>Copier la clé</translation>
    </message>
    <message>
        <source>Copied. Keep it somewhere safe: Huntaze shows it only this once.</source>
        <translation>Copiée. Gardez-la en lieu sûr : Huntaze ne l’affiche que cette fois.</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Révoquée</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expirée</translation>
    </message>
    <message>
        <source>Works until %1</source>
        <translation>Valable jusqu’au %1</translation>
    </message>
    <message>
        <source>Works</source>
        <translation>Valable</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source>Key &quot;%1&quot; made. Copy it now: Huntaze shows it only this once.</source>
        <translation>Clé « %1 » créée. Copiez-la maintenant : Huntaze ne l’affiche que cette fois.</translation>
    </message>
    <message>
        <source>Revoked: the key stopped working.</source>
        <translation>Révoquée : la clé ne fonctionne plus.</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::BackendChooser</name>
    <message>
        <source>Where your data is kept</source>
        <translation>Où vos données sont conservées</translation>
    </message>
    <message>
        <source>On this computer (works offline)</source>
        <translation>Sur cet ordinateur (fonctionne hors ligne)</translation>
    </message>
    <message>
        <source>On a Huntaze server (your agency&apos;s)</source>
        <translation>Sur un serveur Huntaze (celui de votre agence)</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Adresse du serveur</translation>
    </message>
    <message>
        <source>https://huntaze.example.com</source>
        <translation>https://huntaze.example.com</translation>
    </message>
    <message>
        <source>C&amp;onnect</source>
        <translation>C&amp;onnecter</translation>
    </message>
    <message>
        <source>Check the server and use it</source>
        <translation>Vérifier le serveur et l&apos;utiliser</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>Redémarrer maintenant</translation>
    </message>
    <message>
        <source>Connected to %1. Your accounts, data and AI tools live there.</source>
        <translation>Connecté à %1. Vos comptes, vos données et les outils d&apos;IA s&apos;y trouvent.</translation>
    </message>
    <message>
        <source>Huntaze will keep your data on this computer from the next start.</source>
        <translation>Huntaze conservera vos données sur cet ordinateur dès le prochain démarrage.</translation>
    </message>
    <message>
        <source>Enter your server&apos;s address, then Connect.</source>
        <translation>Saisissez l&apos;adresse de votre serveur, puis Connecter.</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>Vérification de %1…</translation>
    </message>
    <message>
        <source>%1 is ready. Huntaze uses it from the next start: sign in there with your server account.</source>
        <translation>%1 est prêt. Huntaze l&apos;utilisera dès le prochain démarrage : connectez-vous-y avec votre compte du serveur.</translation>
    </message>
    <message>
        <source>Huntaze uses %1 from the next start.</source>
        <translation>Huntaze utilise %1 dès le prochain démarrage.</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::CaptionsPage</name>
    <message>
        <source>Write captions</source>
        <translation>Écrire des légendes</translation>
    </message>
    <message>
        <source>Copy caption and hashtags</source>
        <translation>Copier la légende et les hashtags</translation>
    </message>
    <message>
        <source>Your post</source>
        <translation>Votre publication</translation>
    </message>
    <message>
        <source>Post idea or draft caption</source>
        <translation>Idée de publication ou brouillon de légende</translation>
    </message>
    <message>
        <source>Describe the post or paste a draft caption, e.g. sunrise workout on the beach</source>
        <translation>Décrivez la publication ou collez un brouillon de légende, p. ex. séance au lever du soleil sur la plage</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Plateforme</translation>
    </message>
    <message>
        <source>&amp;Platform</source>
        <translation>&amp;Plateforme</translation>
    </message>
    <message>
        <source>Number of captions</source>
        <translation>Nombre de légendes</translation>
    </message>
    <message>
        <source>&amp;Variants</source>
        <translation>&amp;Variantes</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>Suggestions</translation>
    </message>
    <message>
        <source>Caption variants</source>
        <translation>Variantes de légende</translation>
    </message>
    <message>
        <source>Hashtags, best first</source>
        <translation>Hashtags, les meilleurs d&apos;abord</translation>
    </message>
    <message>
        <source>Captions &amp; hashtags</source>
        <translation>Légendes et hashtags</translation>
    </message>
    <message>
        <source>Describe the post first.</source>
        <translation>Décrivez d&apos;abord la publication.</translation>
    </message>
    <message>
        <source>Writing captions…</source>
        <translation>Écriture des légendes…</translation>
    </message>
    <message numerus="yes">
        <source>avg %1 engagements on %n of your posts</source>
        <translation>
            <numerusform>en moyenne %1 interactions sur %n de vos publications</numerusform>
            <numerusform>en moyenne %1 interactions sur %n de vos publications</numerusform>
        </translation>
    </message>
    <message>
        <source>fits your post and niche</source>
        <translation>correspond à votre publication et à votre niche</translation>
    </message>
    <message>
        <source>Hashtags are ranked by the engagement they brought your own past posts.</source>
        <translation>Les hashtags sont classés selon l&apos;engagement qu&apos;ils ont apporté à vos propres publications.</translation>
    </message>
    <message>
        <source>No past posts yet: hashtags are ranked by fit. Import your posts on Fans &amp; offers to rank them by what works for you.</source>
        <translation>Pas encore de publications passées : les hashtags sont classés par pertinence. Importez vos publications dans Fans et offres pour les classer selon ce qui marche pour vous.</translation>
    </message>
    <message>
        <source>Copied. Paste it into the platform.</source>
        <translation>Copié. Collez-le sur la plateforme.</translation>
    </message>
    <message>
        <source>Offline suggestions, written on this computer.</source>
        <translation>Suggestions hors ligne, écrites sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Stopped. Nothing was written.</source>
        <translation>Arrêté. Rien n&apos;a été écrit.</translation>
    </message>
    <message>
        <source>Save as draft</source>
        <translation>Enregistrer comme brouillon</translation>
    </message>
    <message>
        <source>Kept in Drafts.</source>
        <translation>Gardé dans Brouillons.</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::ColumnsDialog</name>
    <message>
        <source>Import earnings</source>
        <translation>Importer des revenus</translation>
    </message>
    <message>
        <source>Import a message log</source>
        <translation>Importer un journal de messages</translation>
    </message>
    <message>
        <source>Which column holds what? Huntaze guessed from the column names; change any that is wrong.</source>
        <translation>Quelle colonne contient quoi ? Huntaze a deviné d’après les noms des colonnes ; corrigez celles qui sont fausses.</translation>
    </message>
    <message>
        <source>Choose a column</source>
        <translation>Choisissez une colonne</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <source>%1 (e.g. %2)</source>
        <translation>%1 (ex. %2)</translation>
    </message>
    <message>
        <source>%1 *</source>
        <translation>%1 *</translation>
    </message>
    <message>
        <source>Time zone of the file</source>
        <translation>Fuseau horaire du fichier</translation>
    </message>
    <message>
        <source>Times without an offset are in</source>
        <translation>Les heures sans décalage sont en</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <source>Still to choose: %1.</source>
        <translation>Reste à choisir : %1.</translation>
    </message>
    <message>
        <source>Import engagement</source>
        <translation>Importer l’engagement</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::CreatorsPage</name>
    <message>
        <source>Add creator</source>
        <translation>Ajouter un créateur</translation>
    </message>
    <message>
        <source>Your creators</source>
        <translation>Vos créateurs</translation>
    </message>
    <message>
        <source>Creators</source>
        <translation>Créateurs</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archiver</translation>
    </message>
    <message>
        <source>Archived creators leave every list and every member&apos;s reach; their data is kept.</source>
        <translation>Les créateurs archivés quittent toutes les listes et ne sont plus accessibles à aucun membre ; leurs données sont conservées.</translation>
    </message>
    <message>
        <source>Add a creator</source>
        <translation>Ajouter un créateur</translation>
    </message>
    <message>
        <source>The name their fans know them by</source>
        <translation>Le nom sous lequel ses fans le connaissent</translation>
    </message>
    <message>
        <source>New creator&apos;s name</source>
        <translation>Nom du nouveau créateur</translation>
    </message>
    <message>
        <source>%1 (selected)</source>
        <translation>%1 (sélectionné)</translation>
    </message>
    <message>
        <source>Enter the creator&apos;s name.</source>
        <translation>Saisissez le nom du créateur.</translation>
    </message>
    <message>
        <source>%1 was added. Choose them in the switcher above the pages to work on their data.</source>
        <translation>%1 a été ajouté. Choisissez-le dans le sélecteur au-dessus des pages pour travailler sur ses données.</translation>
    </message>
    <message>
        <source>Archive %1?</source>
        <translation>Archiver %1 ?</translation>
    </message>
    <message>
        <source>%1 will leave every list and nobody will work on them any more. Their data is kept.</source>
        <translation>%1 quittera toutes les listes et plus personne ne travaillera dessus. Ses données sont conservées.</translation>
    </message>
    <message>
        <source>%1 was archived.</source>
        <translation>%1 a été archivé.</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::CredentialsForm</name>
    <message>
        <source>name@example.com</source>
        <translation>nom@exemple.com</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Mot de passe</translation>
    </message>
    <message numerus="yes">
        <source>At least %n characters</source>
        <translation>
            <numerusform>Au moins %n caractère</numerusform>
            <numerusform>Au moins %n caractères</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passwords do not match.</source>
        <translation>Les deux mots de passe ne correspondent pas.</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::DashboardPage</name>
    <message>
        <source>Edit profile</source>
        <translation>Modifier le profil</translation>
    </message>
    <message>
        <source>Finish your creator profile</source>
        <translation>Complétez votre profil de créateur</translation>
    </message>
    <message>
        <source>Your niche, audience, tone and platforms let Huntaze tailor content ideas, captions and fan messages to you.</source>
        <translation>Votre niche, votre public, votre ton et vos plateformes permettent à Huntaze d’adapter à votre image les idées de contenu, les légendes et les messages aux fans.</translation>
    </message>
    <message>
        <source>Complete profile</source>
        <translation>Compléter le profil</translation>
    </message>
    <message>
        <source>Your profile</source>
        <translation>Votre profil</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>Welcome, %1</source>
        <translation>Bienvenue, %1</translation>
    </message>
    <message>
        <source>Not set yet</source>
        <translation>Pas encore renseigné</translation>
    </message>
    <message>
        <source>%1 (now %2)</source>
        <translation>%1 (actuellement %2)</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Niche</source>
        <translation>Niche</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>Public</translation>
    </message>
    <message>
        <source>Tone of voice</source>
        <translation>Ton</translation>
    </message>
    <message>
        <source>Platforms</source>
        <translation>Plateformes</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Fuseau horaire</translation>
    </message>
    <message>
        <source>Your drafts</source>
        <translation>Vos brouillons</translation>
    </message>
    <message>
        <source>Saved drafts</source>
        <translation>Brouillons enregistrés</translation>
    </message>
    <message>
        <source>Copy draft</source>
        <translation>Copier le brouillon</translation>
    </message>
    <message>
        <source>Fan message</source>
        <translation>Message au fan</translation>
    </message>
    <message>
        <source>%1 · %2 · %3
%4</source>
        <translation>%1 · %2 · %3
%4</translation>
    </message>
    <message>
        <source>Try the tools with sample data</source>
        <translation>Essayez les outils avec des données d’exemple</translation>
    </message>
    <message>
        <source>No fans or paid offers yet. Import your own on Fans &amp; offers, or add sample data to see ideas, fan messages and pricing at work.</source>
        <translation>Pas encore de fans ni d&apos;offres payantes. Importez les vôtres dans Fans et offres, ou ajoutez des données d’exemple pour voir les idées, les messages et les prix à l&apos;œuvre.</translation>
    </message>
    <message>
        <source>Add sample data</source>
        <translation>Ajouter des données d’exemple</translation>
    </message>
    <message>
        <source>Make a demo agency</source>
        <translation>Créer une agence de démonstration</translation>
    </message>
    <message>
        <source>Two more creators and two chatters with shifts, and a year of sample earnings and conversations for each creator, to see the agency view at work.</source>
        <translation>Deux créateurs de plus et deux chatteurs avec leurs services, et une année de revenus et de conversations d’exemple pour chaque créateur, pour voir la vue agence à l’œuvre.</translation>
    </message>
    <message>
        <source>Adding sample data…</source>
        <translation>Ajout des données d’exemple…</translation>
    </message>
    <message>
        <source>Making the demo agency: a year for each of three creators…</source>
        <translation>Création de l’agence de démonstration : une année pour chacun des trois créateurs…</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Publication</translation>
    </message>
    <message>
        <source>Edit in Drafts</source>
        <translation>Modifier dans Brouillons</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::DraftConflictView</name>
    <message>
        <source>Another version of this draft was saved elsewhere at the same time. Take what you want from it, then keep the version in the editor.</source>
        <translation>Une autre version de ce brouillon a été enregistrée ailleurs au même moment. Prenez-y ce que vous voulez, puis gardez la version de l’éditeur.</translation>
    </message>
    <message>
        <source>Use the other version</source>
        <translation>Utiliser l’autre version</translation>
    </message>
    <message>
        <source>Replaces the editor&apos;s draft with the other version, whole.</source>
        <translation>Remplace le brouillon de l’éditeur par l’autre version, en entier.</translation>
    </message>
    <message>
        <source>Keep this version</source>
        <translation>Garder cette version</translation>
    </message>
    <message>
        <source>Keeps the draft as it is in the editor: take fields or edit it first to merge the two by hand.</source>
        <translation>Garde le brouillon tel qu’il est dans l’éditeur : prenez des champs ou modifiez-le d’abord pour fusionner les deux à la main.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>Légende</translation>
    </message>
    <message>
        <source>Message template</source>
        <translation>Modèle de message</translation>
    </message>
    <message>
        <source>Hashtags</source>
        <translation>Hashtags</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Plateforme</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Prévu</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>Public</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <source>Any platform</source>
        <translation>Toute plateforme</translation>
    </message>
    <message>
        <source>Not planned</source>
        <translation>Non prévu</translation>
    </message>
    <message>
        <source>No files</source>
        <translation>Aucun fichier</translation>
    </message>
    <message>
        <source>Every fan</source>
        <translation>Tous les fans</translation>
    </message>
    <message>
        <source>This version</source>
        <translation>Cette version</translation>
    </message>
    <message>
        <source>The other version</source>
        <translation>L’autre version</translation>
    </message>
    <message>
        <source>Take</source>
        <translation>Prendre</translation>
    </message>
    <message>
        <source>Take the other version&apos;s %1</source>
        <translation>Prendre le champ « %1 » de l’autre version</translation>
    </message>
    <message>
        <source>The editor now holds the same as the other version.</source>
        <translation>L’éditeur contient maintenant la même chose que l’autre version.</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::DraftEditor</name>
    <message>
        <source>Draft title</source>
        <translation>Titre du brouillon</translation>
    </message>
    <message>
        <source>A name to find it by</source>
        <translation>Un nom pour le retrouver</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Titre</translation>
    </message>
    <message>
        <source>Draft status</source>
        <translation>État du brouillon</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>É&amp;tat</translation>
    </message>
    <message>
        <source>Caption or message</source>
        <translation>Légende ou message</translation>
    </message>
    <message>
        <source>&amp;Text</source>
        <translation>Te&amp;xte</translation>
    </message>
    <message>
        <source>Hashtags</source>
        <translation>Hashtags</translation>
    </message>
    <message>
        <source>#sunrise #beach</source>
        <translation>#leverdesoleil #plage</translation>
    </message>
    <message>
        <source>&amp;Hashtags</source>
        <translation>&amp;Hashtags</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Plateforme</translation>
    </message>
    <message>
        <source>Any platform</source>
        <translation>Toute plateforme</translation>
    </message>
    <message>
        <source>&amp;Platform</source>
        <translation>&amp;Plateforme</translation>
    </message>
    <message>
        <source>Plan for</source>
        <translation>Prévoir le</translation>
    </message>
    <message>
        <source>Plan a time to post</source>
        <translation>Prévoir une heure de publication</translation>
    </message>
    <message>
        <source>Planned time</source>
        <translation>Heure prévue</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Prévu</translation>
    </message>
    <message>
        <source>Files for the post</source>
        <translation>Fichiers de la publication</translation>
    </message>
    <message>
        <source>Add &amp;files…</source>
        <translation>Ajouter des &amp;fichiers…</translation>
    </message>
    <message>
        <source>Remove file</source>
        <translation>Retirer le fichier</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>Public</translation>
    </message>
    <message>
        <source>Every fan</source>
        <translation>Tous les fans</translation>
    </message>
    <message>
        <source>&amp;Audience</source>
        <translation>P&amp;ublic</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>For the team: what to shoot, when to send…</source>
        <translation>Pour l’équipe : quoi tourner, quand envoyer…</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>&amp;Notes</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Publication</translation>
    </message>
    <message>
        <source>Fan message</source>
        <translation>Message aux fans</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>Légende</translation>
    </message>
    <message>
        <source>Message template</source>
        <translation>Modèle de message</translation>
    </message>
    <message>
        <source>The caption as it will be posted</source>
        <translation>La légende telle qu’elle sera publiée</translation>
    </message>
    <message>
        <source>Hi {{fan.first_name|babe}}, …</source>
        <translation>Coucou {{fan.first_name|toi}}, …</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::DraftTableModel</name>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Creator</source>
        <translation>Créateur</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Dernière modification</translation>
    </message>
    <message>
        <source>Fan message</source>
        <translation>Message aux fans</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Publication</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Vous</translation>
    </message>
    <message>
        <source>A former member</source>
        <translation>Un ancien membre</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::DraftsPage</name>
    <message>
        <source>New post</source>
        <translation>Nouvelle publication</translation>
    </message>
    <message>
        <source>Start a post draft: caption, hashtags, platform, planned time and files.</source>
        <translation>Commencer un brouillon de publication : légende, hashtags, plateforme, heure prévue et fichiers.</translation>
    </message>
    <message>
        <source>New fan message</source>
        <translation>Nouveau message aux fans</translation>
    </message>
    <message>
        <source>Start a message to fans: a template and the fans it is for.</source>
        <translation>Commencer un message aux fans : un modèle et les fans à qui il s’adresse.</translation>
    </message>
    <message>
        <source>Delete draft</source>
        <translation>Supprimer le brouillon</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Brouillons</translation>
    </message>
    <message>
        <source>Search titles, text, notes and hashtags</source>
        <translation>Rechercher dans les titres, textes, notes et hashtags</translation>
    </message>
    <message>
        <source>Search drafts</source>
        <translation>Rechercher des brouillons</translation>
    </message>
    <message>
        <source>Kind of draft</source>
        <translation>Type de brouillon</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Tous les types</translation>
    </message>
    <message>
        <source>Creator</source>
        <translation>Créateur</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Tous les états</translation>
    </message>
    <message>
        <source>No drafts yet. Start one with New post or New fan message, or keep one from Content ideas, Captions or Fan messages.</source>
        <translation>Aucun brouillon pour l’instant. Commencez-en un avec Nouvelle publication ou Nouveau message aux fans, ou gardez-en un depuis Idées de contenu, Légendes ou Messages aux fans.</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <source>&amp;Delete draft</source>
        <translation>&amp;Supprimer le brouillon</translation>
    </message>
    <message>
        <source>New draft</source>
        <translation>Nouveau brouillon</translation>
    </message>
    <message>
        <source>Draft for %1</source>
        <translation>Brouillon pour %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; could not be saved: %2 It is kept here and tried again when you open another draft.</source>
        <translation>« %1 » n’a pas pu être enregistré : %2 Il est gardé ici et réessayé quand vous ouvrez un autre brouillon.</translation>
    </message>
    <message>
        <source>A draft</source>
        <translation>Un brouillon</translation>
    </message>
    <message>
        <source>Type to start: the draft is kept as you write.</source>
        <translation>Écrivez pour commencer : le brouillon est gardé au fil de la saisie.</translation>
    </message>
    <message>
        <source>All changes saved (%1).</source>
        <translation>Toutes les modifications sont enregistrées (%1).</translation>
    </message>
    <message>
        <source>Unsaved changes…</source>
        <translation>Modifications non enregistrées…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Not saved: %1 Your text is kept; it is saved again with your next change.</source>
        <translation>Non enregistré : %1 Votre texte est gardé ; il sera enregistré à votre prochaine modification.</translation>
    </message>
    <message>
        <source>this draft</source>
        <translation>ce brouillon</translation>
    </message>
    <message>
        <source>Delete %1?</source>
        <translation>Supprimer %1 ?</translation>
    </message>
    <message>
        <source>The draft is deleted for everyone in the team. This cannot be undone.</source>
        <translation>Le brouillon est supprimé pour toute l’équipe. Cette action est irréversible.</translation>
    </message>
    <message>
        <source>Draft deleted.</source>
        <translation>Brouillon supprimé.</translation>
    </message>
    <message>
        <source>All creators</source>
        <translation>Tous les créateurs</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>N’importe qui</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Vous</translation>
    </message>
    <message>
        <source>A former member</source>
        <translation>Un ancien membre</translation>
    </message>
    <message>
        <source>Kept. Every device gets this version at its next sync.</source>
        <translation>Gardé. Chaque appareil recevra cette version à sa prochaine synchronisation.</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::EarningsDashboard</name>
    <message>
        <source>Subscriptions</source>
        <translation>Abonnements</translation>
    </message>
    <message>
        <source>Tips</source>
        <translation>Pourboires</translation>
    </message>
    <message>
        <source>Paid posts</source>
        <translation>Publications payantes</translation>
    </message>
    <message>
        <source>Paid messages</source>
        <translation>Messages payants</translation>
    </message>
    <message>
        <source>Streams</source>
        <translation>Lives</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>Parrainages</translation>
    </message>
    <message>
        <source>Customs</source>
        <translation>Sur-mesure</translation>
    </message>
    <message>
        <source>Whales (top 10%)</source>
        <translation>Baleines (top 10 %)</translation>
    </message>
    <message>
        <source>Regulars</source>
        <translation>Habitués</translation>
    </message>
    <message>
        <source>One-time buyers</source>
        <translation>Acheteurs d’une fois</translation>
    </message>
    <message>
        <source>Group by</source>
        <translation>Regrouper par</translation>
    </message>
    <message>
        <source>By day</source>
        <translation>Par jour</translation>
    </message>
    <message>
        <source>By week</source>
        <translation>Par semaine</translation>
    </message>
    <message>
        <source>By month</source>
        <translation>Par mois</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>No earnings in this period. Import a statement on Fans &amp; offers, or add sample data, to see your figures here.</source>
        <translation>Aucun revenu sur cette période. Importez un relevé dans Fans et offres, ou ajoutez des données d’exemple, pour voir vos chiffres ici.</translation>
    </message>
    <message>
        <source>Earnings</source>
        <translation>Revenus</translation>
    </message>
    <message>
        <source>Spenders</source>
        <translation>Acheteurs</translation>
    </message>
    <message>
        <source>Per spender</source>
        <translation>Par acheteur</translation>
    </message>
    <message>
        <source>Active subscribers</source>
        <translation>Abonnés actifs</translation>
    </message>
    <message>
        <source>New subscribers</source>
        <translation>Nouveaux abonnés</translation>
    </message>
    <message>
        <source>Lost subscribers</source>
        <translation>Abonnés perdus</translation>
    </message>
    <message>
        <source>Renewal rate</source>
        <translation>Taux de renouvellement</translation>
    </message>
    <message>
        <source>Earnings by source</source>
        <translation>Revenus par source</translation>
    </message>
    <message>
        <source>Earnings by source over time</source>
        <translation>Revenus par source dans le temps</translation>
    </message>
    <message>
        <source>Drag across a chart to look closer; hover for exact figures.</source>
        <translation>Faites glisser sur un graphique pour zoomer ; survolez-le pour les chiffres exacts.</translation>
    </message>
    <message>
        <source>Subscribers gained and lost</source>
        <translation>Abonnés gagnés et perdus</translation>
    </message>
    <message>
        <source>Subscribers gained and lost over time</source>
        <translation>Abonnés gagnés et perdus dans le temps</translation>
    </message>
    <message>
        <source>When fans pay</source>
        <translation>Quand les fans paient</translation>
    </message>
    <message>
        <source>Fans by spend</source>
        <translation>Fans par dépense</translation>
    </message>
    <message>
        <source>Fans by spend segment</source>
        <translation>Fans par segment de dépense</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Fans</source>
        <translation>Fans</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>Dépensé</translation>
    </message>
    <message>
        <source>Lifetime value</source>
        <translation>Valeur vie client</translation>
    </message>
    <message>
        <source>Lifetime spend up to the period&apos;s last day. Whales are the tenth of paying fans who spent the most.</source>
        <translation>Dépense totale jusqu’au dernier jour de la période. Les baleines sont le dixième des fans payants qui ont le plus dépensé.</translation>
    </message>
    <message>
        <source>Subscriber cohorts</source>
        <translation>Cohortes d’abonnés</translation>
    </message>
    <message>
        <source>Share of each month&apos;s new subscribers still subscribing in the months after</source>
        <translation>Part des nouveaux abonnés de chaque mois encore abonnés les mois suivants</translation>
    </message>
    <message>
        <source>Each row: the fans who first subscribed that month, and the share who subscribed or renewed 1, 2, … months later.</source>
        <translation>Chaque ligne : les fans abonnés pour la première fois ce mois-là, et la part qui s’est abonnée ou a renouvelé 1, 2, … mois plus tard.</translation>
    </message>
    <message>
        <source>The figures could not be loaded: %1</source>
        <translation>Les chiffres n’ont pas pu être chargés : %1</translation>
    </message>
    <message>
        <source>Export image…</source>
        <translation>Exporter l’image…</translation>
    </message>
    <message>
        <source>Export data…</source>
        <translation>Exporter les données…</translation>
    </message>
    <message>
        <source>Export chart image</source>
        <translation>Exporter l’image du graphique</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Image PNG (*.png)</translation>
    </message>
    <message>
        <source>Export chart data</source>
        <translation>Exporter les données du graphique</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>Fichier CSV (*.csv)</translation>
    </message>
    <message>
        <source>Gained</source>
        <translation>Gagnés</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Perdus</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nouveaux</translation>
    </message>
    <message>
        <source>+%1 mo</source>
        <translation>+%1 mois</translation>
    </message>
    <message>
        <source>Paid messages bought</source>
        <translation>Messages payants achetés</translation>
    </message>
    <message>
        <source>Average reply time</source>
        <translation>Temps de réponse moyen</translation>
    </message>
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
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 j %2 h</translation>
    </message>
    <message>
        <source>Best times of the week</source>
        <translation>Meilleurs moments de la semaine</translation>
    </message>
    <message>
        <source>Show in the heat map</source>
        <translation>Afficher dans la carte de chaleur</translation>
    </message>
    <message>
        <source>When posts do best (likes and comments per post)</source>
        <translation>Quand les publications marchent le mieux (j’aime et commentaires par publication)</translation>
    </message>
    <message>
        <source>By weekday and hour in the creator&apos;s time zone: the best times to post and to have chatters on shift. Posts count at the hour they went up.</source>
        <translation>Par jour de la semaine et par heure, dans le fuseau horaire du créateur : les meilleurs moments pour publier et pour avoir des chatteurs en service. Les publications comptent à l’heure de leur mise en ligne.</translation>
    </message>
    <message>
        <source>Top posts</source>
        <translation>Meilleures publications</translation>
    </message>
    <message>
        <source>Posts put up in the period, by likes and comments; hover a bar for its views. Import an engagement export on Fans &amp; offers to see yours.</source>
        <translation>Les publications mises en ligne pendant la période, par j’aime et commentaires ; survolez une barre pour voir ses vues. Importez un export d’engagement dans Fans et offres pour voir les vôtres.</translation>
    </message>
    <message>
        <source>Earnings by weekday and hour</source>
        <translation>Revenus par jour de la semaine et par heure</translation>
    </message>
    <message>
        <source>No earnings in this period.</source>
        <translation>Aucun revenu sur cette période.</translation>
    </message>
    <message>
        <source>Likes and comments per post by the weekday and hour it went up</source>
        <translation>J’aime et commentaires par publication selon le jour et l’heure de mise en ligne</translation>
    </message>
    <message>
        <source>no posts</source>
        <translation>aucune publication</translation>
    </message>
    <message numerus="yes">
        <source>%1 likes and comments per post (%n posts)</source>
        <translation>
            <numerusform>%1 j’aime et commentaires par publication (%n publication)</numerusform>
            <numerusform>%1 j’aime et commentaires par publication (%n publications)</numerusform>
        </translation>
    </message>
    <message>
        <source>No posts in this period.</source>
        <translation>Aucune publication sur cette période.</translation>
    </message>
    <message>
        <source>The next 30 days</source>
        <translation>Les 30 prochains jours</translation>
    </message>
    <message>
        <source>Expected earnings of the next 30 days with their likely range</source>
        <translation>Revenus attendus des 30 prochains jours avec leur fourchette probable</translation>
    </message>
    <message>
        <source>Not enough history for a forecast yet: it needs about 15 weeks of earnings before the period&apos;s last day.</source>
        <translation>Pas encore assez d’historique pour une prévision : il faut environ 15 semaines de revenus avant le dernier jour de la période.</translation>
    </message>
    <message>
        <source>%1 expected from %2 to %3 (%4 % likely between %5 and %6).</source>
        <translation>%1 attendus du %2 au %3 (%4 % de chances entre %5 et %6).</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Attendu</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Bas</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Haut</translation>
    </message>
    <message>
        <source>%1: earnings of %2, far above the usual %3.</source>
        <translation>%1 : revenus de %2, bien au-dessus des %3 habituels.</translation>
    </message>
    <message>
        <source>%1: earnings of %2, far below the usual %3.</source>
        <translation>%1 : revenus de %2, bien en dessous des %3 habituels.</translation>
    </message>
    <message>
        <source>%1: %2 renewals, far above the usual %3.</source>
        <translation>%1 : %2 renouvellements, bien au-dessus des %3 habituels.</translation>
    </message>
    <message>
        <source>%1: %2 renewals, far below the usual %3.</source>
        <translation>%1 : %2 renouvellements, bien en dessous des %3 habituels.</translation>
    </message>
    <message>
        <source>No day of the period stands out from what the weeks before it predicted.</source>
        <translation>Aucun jour de la période ne s’écarte de ce que les semaines précédentes laissaient prévoir.</translation>
    </message>
    <message>
        <source>Days that stand out:</source>
        <translation>Jours qui se démarquent :</translation>
    </message>
    <message numerus="yes">
        <source>How: each day is the average day of the 28 days before, times its weekday&apos;s share of the 8 weeks before, corrected by how far such forecasts usually missed. Measured on %n held-out 30-day windows of your own history: their totals missed by %1 % (median), and %2 % of their days fell inside the band.</source>
        <translation>
            <numerusform>Comment : chaque jour vaut le jour moyen des 28 jours précédents, multiplié par la part de son jour de la semaine sur les 8 semaines précédentes, corrigé de l’écart habituel de ces prévisions. Mesuré sur %n fenêtre de 30 jours mise de côté dans votre propre historique : son total a manqué de %1 % (médiane), et %2 % de ses jours sont tombés dans la fourchette.</numerusform>
            <numerusform>Comment : chaque jour vaut le jour moyen des 28 jours précédents, multiplié par la part de son jour de la semaine sur les 8 semaines précédentes, corrigé de l’écart habituel de ces prévisions. Mesuré sur %n fenêtres de 30 jours mises de côté dans votre propre historique : leurs totaux ont manqué de %1 % (médiane), et %2 % de leurs jours sont tombés dans la fourchette.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huntaze::ui::FanTableModel</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <source>Total spend</source>
        <translation>Dépenses totales</translation>
    </message>
    <message>
        <source>Last purchase</source>
        <translation>Dernier achat</translation>
    </message>
    <message>
        <source>Last active</source>
        <translation>Dernière activité</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::FansPage</name>
    <message>
        <source>Import fans…</source>
        <translation>Importer des fans…</translation>
    </message>
    <message>
        <source>Import offers…</source>
        <translation>Importer des offres…</translation>
    </message>
    <message>
        <source>Add demo data</source>
        <translation>Ajouter des données de démonstration</translation>
    </message>
    <message>
        <source>Added demo fans and offers.</source>
        <translation>Fans et offres de démonstration ajoutés.</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Progression de l&apos;import</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>Annuler l&apos;import</translation>
    </message>
    <message>
        <source>Fans</source>
        <translation>Fans</translation>
    </message>
    <message>
        <source>Paid offers</source>
        <translation>Offres payantes</translation>
    </message>
    <message>
        <source>Fans &amp; offers</source>
        <translation>Fans et offres</translation>
    </message>
    <message>
        <source>Import fans</source>
        <translation>Importer des fans</translation>
    </message>
    <message>
        <source>Import paid offers</source>
        <translation>Importer des offres payantes</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Fichiers CSV (*.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Import cancelled. Nothing was imported.</source>
        <translation>Import annulé. Rien n&apos;a été importé.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n fans.</source>
        <translation>
            <numerusform>%n fan importé.</numerusform>
            <numerusform>%n fans importés.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n paid offers.</source>
        <translation>
            <numerusform>%n offre payante importée.</numerusform>
            <numerusform>%n offres payantes importées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Fans (%1)</source>
        <translation>Fans (%1)</translation>
    </message>
    <message>
        <source>Paid offers (%1)</source>
        <translation>Offres payantes (%1)</translation>
    </message>
    <message>
        <source>Import posts…</source>
        <translation>Importer des publications…</translation>
    </message>
    <message>
        <source>Past posts with their hashtags and engagement rank hashtags by what works for you.</source>
        <translation>Vos publications passées, avec leurs hashtags et leur engagement, permettent de classer les hashtags selon ce qui marche pour vous.</translation>
    </message>
    <message>
        <source>Adds 40 sample fans, 24 paid offers and 30 past posts so you can try every tool.</source>
        <translation>Ajoute 40 fans, 24 offres payantes et 30 publications d’exemple pour essayer tous les outils.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n past posts.</source>
        <translation>
            <numerusform>%n publication importée.</numerusform>
            <numerusform>%n publications importées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import past posts</source>
        <translation>Importer des publications passées</translation>
    </message>
    <message>
        <source>Filter by name, tag or purchase</source>
        <translation>Filtrer par nom, étiquette ou achat</translation>
    </message>
    <message>
        <source>Filter fans</source>
        <translation>Filtrer les fans</translation>
    </message>
    <message>
        <source>Fans (%1 of %2)</source>
        <translation>Fans (%1 sur %2)</translation>
    </message>
    <message>
        <source>Import earnings…</source>
        <translation>Importer des revenus…</translation>
    </message>
    <message>
        <source>A platform&apos;s earnings statement (CSV): the Dashboard&apos;s figures come from it.</source>
        <translation>Le relevé de revenus d’une plateforme (CSV) : les chiffres du tableau de bord en viennent.</translation>
    </message>
    <message>
        <source>Import an earnings statement</source>
        <translation>Importer un relevé de revenus</translation>
    </message>
    <message>
        <source>Nothing new: every line of this statement was imported before.</source>
        <translation>Rien de nouveau : chaque ligne de ce relevé avait déjà été importée.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n new statement lines; lines imported before were skipped.</source>
        <translation>
            <numerusform>%n nouvelle ligne de relevé importée ; les lignes déjà importées ont été ignorées.</numerusform>
            <numerusform>%n nouvelles lignes de relevé importées ; les lignes déjà importées ont été ignorées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import message log…</source>
        <translation>Importer un journal de messages…</translation>
    </message>
    <message>
        <source>The team&apos;s conversations with fans (CSV): reply times and paid messages bought, per team member.</source>
        <translation>Les conversations de l’équipe avec les fans (CSV) : temps de réponse et messages payants achetés, par membre de l’équipe.</translation>
    </message>
    <message>
        <source>Import a message log</source>
        <translation>Importer un journal de messages</translation>
    </message>
    <message>
        <source>Nothing new: every message of this log was imported before.</source>
        <translation>Rien de nouveau : chaque message de ce journal a déjà été importé.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n new messages; messages imported before were skipped.</source>
        <translation>
            <numerusform>%n nouveau message importé ; les messages déjà importés ont été ignorés.</numerusform>
            <numerusform>%n nouveaux messages importés ; les messages déjà importés ont été ignorés.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import engagement…</source>
        <translation>Importer l’engagement…</translation>
    </message>
    <message>
        <source>A platform&apos;s export of your posts&apos; likes, comments and views (CSV): the Dashboard&apos;s top posts and best times to post.</source>
        <translation>L’export d’une plateforme avec les j’aime, commentaires et vues de vos publications (CSV) : les meilleures publications et les meilleurs moments pour publier du tableau de bord.</translation>
    </message>
    <message>
        <source>Import an engagement export</source>
        <translation>Importer un export d’engagement</translation>
    </message>
    <message>
        <source>Nothing new: every post&apos;s figures in this export were imported before.</source>
        <translation>Rien de nouveau : les chiffres de chaque publication de cet export ont déjà été importés.</translation>
    </message>
    <message numerus="yes">
        <source>Imported the figures of %n post days; days imported before with the same figures were skipped.</source>
        <translation>
            <numerusform>Chiffres de %n jour de publication importés ; les jours déjà importés avec les mêmes chiffres ont été ignorés.</numerusform>
            <numerusform>Chiffres de %n jours de publication importés ; les jours déjà importés avec les mêmes chiffres ont été ignorés.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import for the Dashboard</source>
        <translation>Importer pour le tableau de bord</translation>
    </message>
    <message>
        <source>Earnings statements, the team&apos;s message logs and your posts&apos; engagement, from CSV files.</source>
        <translation>Relevés de revenus, journaux de messages de l’équipe et engagement de vos publications, depuis des fichiers CSV.</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::Header</name>
    <message>
        <source>Show pages</source>
        <translation>Afficher les pages</translation>
    </message>
    <message>
        <source>Page title</source>
        <translation>Titre de la page</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Plus</translation>
    </message>
    <message>
        <source>More actions</source>
        <translation>Plus d&apos;actions</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::IdeasPage</name>
    <message>
        <source>Generate ideas</source>
        <translation>Générer des idées</translation>
    </message>
    <message>
        <source>What do you need?</source>
        <translation>De quoi avez-vous besoin ?</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Plateforme</translation>
    </message>
    <message>
        <source>&amp;Platform</source>
        <translation>&amp;Plateforme</translation>
    </message>
    <message>
        <source>Number of ideas</source>
        <translation>Nombre d&apos;idées</translation>
    </message>
    <message>
        <source>&amp;How many</source>
        <translation>&amp;Combien</translation>
    </message>
    <message>
        <source>Optional: a theme, e.g. beach day, Halloween</source>
        <translation>Facultatif : un thème, p. ex. journée plage, Halloween</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thème</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Thème</translation>
    </message>
    <message>
        <source>Tone</source>
        <translation>Ton</translation>
    </message>
    <message>
        <source>Playful</source>
        <translation>Espiègle</translation>
    </message>
    <message>
        <source>Flirty</source>
        <translation>Charmeur</translation>
    </message>
    <message>
        <source>Friendly</source>
        <translation>Amical</translation>
    </message>
    <message>
        <source>Confident</source>
        <translation>Assuré</translation>
    </message>
    <message>
        <source>Mysterious</source>
        <translation>Mystérieux</translation>
    </message>
    <message>
        <source>Your profile&apos;s tone</source>
        <translation>Le ton de votre profil</translation>
    </message>
    <message>
        <source>T&amp;one</source>
        <translation>T&amp;on</translation>
    </message>
    <message>
        <source>Content ideas</source>
        <translation>Idées de contenu</translation>
    </message>
    <message>
        <source>Offline suggestions: generated on this computer from your profile and your fans&apos; purchases. Connect an AI provider in Settings for more varied ideas.</source>
        <translation>Suggestions hors ligne : générées sur cet ordinateur à partir de votre profil et des achats de vos fans. Connectez un fournisseur d&apos;IA dans les Paramètres pour des idées plus variées.</translation>
    </message>
    <message>
        <source>Ideas from %1.</source>
        <translation>Idées de %1.</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation>Génération…</translation>
    </message>
    <message>
        <source>Generating ideas…</source>
        <translation>Génération des idées…</translation>
    </message>
    <message>
        <source>Format: %1</source>
        <translation>Format : %1</translation>
    </message>
    <message>
        <source>Copy caption</source>
        <translation>Copier la légende</translation>
    </message>
    <message>
        <source>Caption and hashtags copied.</source>
        <translation>Légende et hashtags copiés.</translation>
    </message>
    <message>
        <source>Save as draft</source>
        <translation>Enregistrer en brouillon</translation>
    </message>
    <message>
        <source>Idea saved as a draft.</source>
        <translation>Idée enregistrée en brouillon.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Stopped. Nothing was generated.</source>
        <translation>Arrêté. Rien n&apos;a été généré.</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::KeptFiguresNote</name>
    <message>
        <source>The server cannot be reached: these are the figures for %1 to %2 as it sent them on %3.</source>
        <translation>Le serveur est injoignable : voici les chiffres du %1 au %2 tels qu’il les a envoyés le %3.</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::KpiCard</name>
    <message>
        <source>No earlier figure</source>
        <translation>Pas de chiffre antérieur</translation>
    </message>
    <message>
        <source>No change</source>
        <translation>Inchangé</translation>
    </message>
    <message>
        <source>▲ %1% vs previous period</source>
        <translation>▲ %1 % par rapport à la période précédente</translation>
    </message>
    <message>
        <source>▼ %1% vs previous period</source>
        <translation>▼ %1 % par rapport à la période précédente</translation>
    </message>
    <message>
        <source>%1: %2, %3</source>
        <translation>%1 : %2, %3</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::MainWindow</name>
    <message>
        <source>Huntaze</source>
        <translation>Huntaze</translation>
    </message>
    <message>
        <source>Profile saved.</source>
        <translation>Profil enregistré.</translation>
    </message>
    <message>
        <source>%1 – Huntaze</source>
        <translation>%1 – Huntaze</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>Créer un compte</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Connecté en tant que %1</translation>
    </message>
    <message>
        <source>Fans &amp; offers</source>
        <translation>Fans et offres</translation>
    </message>
    <message>
        <source>Pricing</source>
        <translation>Prix</translation>
    </message>
    <message>
        <source>Fan messages</source>
        <translation>Messages aux fans</translation>
    </message>
    <message>
        <source>Content ideas</source>
        <translation>Idées de contenu</translation>
    </message>
    <message>
        <source>Captions &amp; hashtags</source>
        <translation>Légendes et hashtags</translation>
    </message>
    <message>
        <source>Creators</source>
        <translation>Créateurs</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <source>Shifts</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>Performances</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Brouillons</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::MessagesPage</name>
    <message>
        <source>Copy messages</source>
        <translation>Copier les messages</translation>
    </message>
    <message>
        <source>Copies the messages for the selected fans, ready to paste into the platform.</source>
        <translation>Copie les messages des fans sélectionnés, prêts à coller sur la plateforme.</translation>
    </message>
    <message>
        <source>Save as draft</source>
        <translation>Enregistrer en brouillon</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Huntaze drafts, you send: fan platforms forbid automated messages, so nothing leaves this window on its own.</source>
        <translation>Huntaze rédige, vous envoyez : les plateformes interdisent les messages automatisés, donc rien ne quitte cette fenêtre tout seul.</translation>
    </message>
    <message>
        <source>Message template</source>
        <translation>Modèle de message</translation>
    </message>
    <message>
        <source>Start from a goal</source>
        <translation>Partir d&apos;un objectif</translation>
    </message>
    <message>
        <source>Start from a goal…</source>
        <translation>Partir d&apos;un objectif…</translation>
    </message>
    <message>
        <source>Insert field</source>
        <translation>Insérer un champ</translation>
    </message>
    <message>
        <source>Hi {{fan.first_name|babe}}, …</source>
        <translation>Coucou {{fan.first_name|mon cœur}}, …</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>Fans to write to</source>
        <translation>Fans destinataires</translation>
    </message>
    <message>
        <source>Messages for the selected fans</source>
        <translation>Messages pour les fans sélectionnés</translation>
    </message>
    <message>
        <source>Fan messages</source>
        <translation>Messages aux fans</translation>
    </message>
    <message>
        <source>“%1”: %2</source>
        <translation>« %1 » : %2</translation>
    </message>
    <message>
        <source>Select at least one fan to copy their message.</source>
        <translation>Sélectionnez au moins un fan pour copier son message.</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n messages. Paste them into the platform to send.</source>
        <translation>
            <numerusform>%n message copié. Collez-le sur la plateforme pour l’envoyer.</numerusform>
            <numerusform>%n messages copiés. Collez-les sur la plateforme pour les envoyer.</numerusform>
        </translation>
    </message>
    <message>
        <source>Fan message</source>
        <translation>Message au fan</translation>
    </message>
    <message>
        <source>Saved as a draft.</source>
        <translation>Enregistré en brouillon.</translation>
    </message>
    <message>
        <source>Export messages</source>
        <translation>Exporter les messages</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Exporté vers %1.</translation>
    </message>
    <message>
        <source>Goal of the message</source>
        <translation>Objectif du message</translation>
    </message>
    <message>
        <source>Or describe a goal, e.g. re-engage fans inactive 30 days</source>
        <translation>Ou décrivez un objectif, p. ex. relancer les fans inactifs depuis 30 jours</translation>
    </message>
    <message>
        <source>Draft it</source>
        <translation>Rédiger</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Writing a draft with %1…</source>
        <translation>Rédaction avec %1…</translation>
    </message>
    <message>
        <source>Draft stopped. You can edit what arrived.</source>
        <translation>Rédaction arrêtée. Vous pouvez modifier ce qui est arrivé.</translation>
    </message>
    <message>
        <source>Offline draft ready: edit it as you like.</source>
        <translation>Brouillon hors ligne prêt : modifiez-le à votre guise.</translation>
    </message>
    <message>
        <source>Draft ready: edit it as you like.</source>
        <translation>Brouillon prêt : modifiez-le à votre guise.</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::MoveToServerForm</name>
    <message>
        <source>Your creators, fans, offers, posts, statements, message logs, engagement and drafts go to the server once. From then on Huntaze works on the server and keeps a copy here for offline work; the data on this computer stays as it is.</source>
        <translation>Vos créateurs, fans, offres, publications, relevés, journaux de messages, statistiques d’engagement et brouillons sont envoyés une fois au serveur. Ensuite, Huntaze travaille sur le serveur et en garde une copie ici pour travailler hors ligne ; les données de cet ordinateur restent telles quelles.</translation>
    </message>
    <message>
        <source>https://huntaze.example.com</source>
        <translation>https://huntaze.example.com</translation>
    </message>
    <message>
        <source>Server to move to</source>
        <translation>Serveur de destination</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Serveur</translation>
    </message>
    <message>
        <source>I have an account &amp;there</source>
        <translation>J’ai un compte &amp;sur ce serveur</translation>
    </message>
    <message>
        <source>&amp;Create my account there</source>
        <translation>&amp;Créer mon compte sur ce serveur</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Email on the server</source>
        <translation>E-mail sur le serveur</translation>
    </message>
    <message>
        <source>E&amp;mail</source>
        <translation>E-&amp;mail</translation>
    </message>
    <message>
        <source>Password on the server</source>
        <translation>Mot de passe sur le serveur</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>Mot de &amp;passe</translation>
    </message>
    <message>
        <source>&amp;Move my data</source>
        <translation>&amp;Transférer mes données</translation>
    </message>
    <message>
        <source>Move the data on this computer to the server</source>
        <translation>Transférer les données de cet ordinateur vers le serveur</translation>
    </message>
    <message>
        <source>Move progress</source>
        <translation>Progression du transfert</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>&amp;Arrêter</translation>
    </message>
    <message>
        <source>Stop the move</source>
        <translation>Arrêter le transfert</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>Redémarrer maintenant</translation>
    </message>
    <message>
        <source>Stopping after the part under way…</source>
        <translation>Arrêt après la partie en cours…</translation>
    </message>
    <message>
        <source>Enter your email and password on the server.</source>
        <translation>Saisissez votre e-mail et votre mot de passe sur le serveur.</translation>
    </message>
    <message>
        <source>Signing in to %1…</source>
        <translation>Connexion à %1…</translation>
    </message>
    <message>
        <source>Moving your data…</source>
        <translation>Transfert de vos données…</translation>
    </message>
    <message numerus="yes">
        <source>Moved %n creator(s) and %1 rows to %2. Huntaze uses the server from the next start.</source>
        <translation>
            <numerusform>%n créateur et %1 lignes transférés vers %2. Huntaze utilise le serveur dès le prochain démarrage.</numerusform>
            <numerusform>%n créateurs et %1 lignes transférés vers %2. Huntaze utilise le serveur dès le prochain démarrage.</numerusform>
        </translation>
    </message>
    <message>
        <source>The keychain could not keep your session: sign in again after the restart.</source>
        <translation>Le trousseau n’a pas pu conserver votre session : reconnectez-vous après le redémarrage.</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::OfferTableModel</name>
    <message>
        <source>Sent on</source>
        <translation>Envoyée le</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinataires</translation>
    </message>
    <message>
        <source>Purchases</source>
        <translation>Achats</translation>
    </message>
    <message>
        <source>Conversion</source>
        <translation>Conversion</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::PerformancePage</name>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Creators</source>
        <translation>Créateurs</translation>
    </message>
    <message>
        <source>Creators side by side</source>
        <translation>Les créateurs côte à côte</translation>
    </message>
    <message>
        <source>Click a column to sort. Open a creator (double-click or Enter) to see their dashboard for the same period. Shares compare the creators paid in the same currency.</source>
        <translation>Cliquez sur une colonne pour trier. Ouvrez un créateur (double-clic ou Entrée) pour voir son tableau de bord sur la même période. Les parts comparent les créateurs payés dans la même devise.</translation>
    </message>
    <message>
        <source>Open their dashboard</source>
        <translation>Ouvrir son tableau de bord</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <source>Team figures for</source>
        <translation>Chiffres de l’équipe pour</translation>
    </message>
    <message>
        <source>Team members side by side</source>
        <translation>Les membres de l’équipe côte à côte</translation>
    </message>
    <message>
        <source>No team messages in this period. Import a message log on Fans &amp; offers (Import for the Dashboard).</source>
        <translation>Aucun message de l’équipe sur cette période. Importez un journal de messages dans Fans et offres (Importer pour le tableau de bord).</translation>
    </message>
    <message>
        <source>The figures could not be loaded: %1</source>
        <translation>Les chiffres n’ont pas pu être chargés : %1</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>Performances</translation>
    </message>
    <message>
        <source>Your messages</source>
        <translation>Vos messages</translation>
    </message>
    <message>
        <source>Every creator</source>
        <translation>Tous les créateurs</translation>
    </message>
    <message>
        <source>Your own figures. Sales and earnings are for owners and admins.</source>
        <translation>Vos propres chiffres. Les ventes et les revenus sont réservés aux propriétaires et aux administrateurs.</translation>
    </message>
    <message>
        <source>Sales attributed: the paid messages fans bought, credited to the member who sent them.</source>
        <translation>Ventes attribuées : les messages payants achetés par les fans, crédités au membre qui les a envoyés.</translation>
    </message>
    <message>
        <source>Credit sales to</source>
        <translation>Attribuer les ventes</translation>
    </message>
    <message>
        <source>Credit sales to the member who sent the paid message</source>
        <translation>Attribuer les ventes au membre qui a envoyé le message payant</translation>
    </message>
    <message>
        <source>Credit sales to the members on shift</source>
        <translation>Attribuer les ventes aux membres en service</translation>
    </message>
    <message>
        <source>Credit sales to the last member who wrote to the fan</source>
        <translation>Attribuer les ventes au dernier membre qui a écrit au fan</translation>
    </message>
    <message>
        <source>Sales attributed: tips, paid messages and customs, credited to the members on shift for the creator when the fan paid (shared equally when several were).</source>
        <translation>Ventes attribuées : pourboires, messages payants et contenus sur mesure, crédités aux membres en service pour le créateur au moment du paiement (à parts égales s’ils étaient plusieurs).</translation>
    </message>
    <message>
        <source>%1 was paid while nobody was on shift.</source>
        <translation>%1 a été payé alors que personne n’était en service.</translation>
    </message>
    <message numerus="yes">
        <source>Sales attributed: tips, paid messages and customs, credited to the last member who wrote to the fan in the %n day(s) before they paid.</source>
        <translation>
            <numerusform>Ventes attribuées : pourboires, messages payants et contenus sur mesure, crédités au dernier membre qui a écrit au fan dans le %n jour précédant son paiement.</numerusform>
            <numerusform>Ventes attribuées : pourboires, messages payants et contenus sur mesure, crédités au dernier membre qui a écrit au fan dans les %n jours précédant son paiement.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 was paid by fans nobody had written to in that time.</source>
        <translation>%1 a été payé par des fans à qui personne n’avait écrit dans ce délai.</translation>
    </message>
    <message>
        <source>Owners and admins choose the rule.</source>
        <translation>Les propriétaires et les administrateurs choisissent la règle.</translation>
    </message>
    <message>
        <source>Reply times by hour of the day</source>
        <translation>Temps de réponse selon l’heure de la journée</translation>
    </message>
    <message>
        <source>Median reply by team member and hour of the day</source>
        <translation>Réponse médiane par membre de l’équipe et par heure de la journée</translation>
    </message>
    <message>
        <source>The median wait of the answers each member sent in that hour, every creator together, in each creator&apos;s time zone. Hover a cell for its counts.</source>
        <translation>L’attente médiane des réponses envoyées par chaque membre à cette heure, tous créateurs confondus, dans le fuseau horaire de chaque créateur. Survolez une case pour voir ses chiffres.</translation>
    </message>
    <message>
        <source>Member %1</source>
        <translation>Membre %1</translation>
    </message>
    <message numerus="yes">
        <source>%1, %2:00-%2:59: %n message(s) sent</source>
        <translation>
            <numerusform>%1, %2 h 00 - %2 h 59 : %n message envoyé</numerusform>
            <numerusform>%1, %2 h 00 - %2 h 59 : %n messages envoyés</numerusform>
        </translation>
    </message>
    <message>
        <source>Replies: %1, median %2, 90th percentile %3</source>
        <translation>Réponses : %1, médiane %2, 90e centile %3</translation>
    </message>
    <message>
        <source>Paid messages: %1 sent, %2 bought</source>
        <translation>Messages payants : %1 envoyés, %2 achetés</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::PeriodChooser</name>
    <message>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>90 derniers jours</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>12 derniers mois</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Depuis le début</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personnalisée</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Premier jour</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Dernier jour</translation>
    </message>
    <message>
        <source>Amounts</source>
        <translation>Montants</translation>
    </message>
    <message>
        <source>Net (after the platform&apos;s cut)</source>
        <translation>Net (après la commission de la plateforme)</translation>
    </message>
    <message>
        <source>Gross</source>
        <translation>Brut</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::PricingPage</name>
    <message>
        <source>Add paid offers</source>
        <translation>Ajouter des offres payantes</translation>
    </message>
    <message>
        <source>Suggested price for your next paid message</source>
        <translation>Prix suggéré pour votre prochain message payant</translation>
    </message>
    <message>
        <source>Expected revenue per fan who receives the offer</source>
        <translation>Revenu attendu par fan qui reçoit l&apos;offre</translation>
    </message>
    <message>
        <source>Expected revenue</source>
        <translation>Revenu attendu</translation>
    </message>
    <message>
        <source>Likely range</source>
        <translation>Plage probable</translation>
    </message>
    <message>
        <source>Suggested price</source>
        <translation>Prix suggéré</translation>
    </message>
    <message>
        <source>Chart of expected revenue against price</source>
        <translation>Graphique du revenu attendu selon le prix</translation>
    </message>
    <message>
        <source>Pricing</source>
        <translation>Prix</translation>
    </message>
    <message>
        <source>Likely best between %1 and %2 · about %3 of fans buy · %4 expected per 100 fans reached</source>
        <translation>Sans doute optimal entre %1 et %2 · environ %3 des fans achètent · %4 attendus pour 100 fans atteints</translation>
    </message>
    <message>
        <source>Price (%1)</source>
        <translation>Prix (%1)</translation>
    </message>
    <message>
        <source>Revenue per fan (%1)</source>
        <translation>Revenu par fan (%1)</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::ProfilePage</name>
    <message>
        <source>Save changes</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Annuler les modifications</translation>
    </message>
    <message>
        <source>About you</source>
        <translation>À propos de vous</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Nom d&apos;affichage</translation>
    </message>
    <message>
        <source>&amp;Display name</source>
        <translation>&amp;Nom d&apos;affichage</translation>
    </message>
    <message>
        <source>Art</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Beauty</source>
        <translation>Beauté</translation>
    </message>
    <message>
        <source>Comedy</source>
        <translation>Humour</translation>
    </message>
    <message>
        <source>Cooking</source>
        <translation>Cuisine</translation>
    </message>
    <message>
        <source>Cosplay</source>
        <translation>Cosplay</translation>
    </message>
    <message>
        <source>Fashion</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Fitness</source>
        <translation>Fitness</translation>
    </message>
    <message>
        <source>Gaming</source>
        <translation>Jeux vidéo</translation>
    </message>
    <message>
        <source>Lifestyle</source>
        <translation>Art de vivre</translation>
    </message>
    <message>
        <source>Music</source>
        <translation>Musique</translation>
    </message>
    <message>
        <source>Travel</source>
        <translation>Voyage</translation>
    </message>
    <message>
        <source>Creator niche</source>
        <translation>Niche du créateur</translation>
    </message>
    <message>
        <source>What your content is about</source>
        <translation>Le sujet de vos contenus</translation>
    </message>
    <message>
        <source>&amp;Niche</source>
        <translation>Ni&amp;che</translation>
    </message>
    <message>
        <source>Audience description</source>
        <translation>Description du public</translation>
    </message>
    <message>
        <source>Who follows you, what they enjoy, when they are online</source>
        <translation>Qui vous suit, ce qui lui plaît, quand il est en ligne</translation>
    </message>
    <message>
        <source>&amp;Audience</source>
        <translation>&amp;Public</translation>
    </message>
    <message>
        <source>Confident</source>
        <translation>Assuré</translation>
    </message>
    <message>
        <source>Flirty</source>
        <translation>Charmeur</translation>
    </message>
    <message>
        <source>Friendly</source>
        <translation>Amical</translation>
    </message>
    <message>
        <source>Mysterious</source>
        <translation>Mystérieux</translation>
    </message>
    <message>
        <source>Playful</source>
        <translation>Espiègle</translation>
    </message>
    <message>
        <source>Professional</source>
        <translation>Professionnel</translation>
    </message>
    <message>
        <source>Sweet</source>
        <translation>Doux</translation>
    </message>
    <message>
        <source>Tone of voice</source>
        <translation>Ton</translation>
    </message>
    <message>
        <source>&amp;Tone of voice</source>
        <translation>&amp;Ton</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Fuseau horaire</translation>
    </message>
    <message>
        <source>e.g. Europe/Paris</source>
        <translation>p. ex. Europe/Paris</translation>
    </message>
    <message>
        <source>Time &amp;zone</source>
        <translation>&amp;Fuseau horaire</translation>
    </message>
    <message>
        <source>Where you publish</source>
        <translation>Où vous publiez</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Your profile is saved.</source>
        <translation>Votre profil est enregistré.</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::ResetPasswordPage</name>
    <message>
        <source>Set password and sign in</source>
        <translation>Définir le mot de passe et se connecter</translation>
    </message>
    <message>
        <source>Reset your password</source>
        <translation>Réinitialiser votre mot de passe</translation>
    </message>
    <message>
        <source>An owner or admin of your agency can give you a one-time reset code from the Team page. It works for a day.</source>
        <translation>Un propriétaire ou un administrateur de votre agence peut vous donner un code de réinitialisation à usage unique depuis la page Équipe. Il est valable un jour.</translation>
    </message>
    <message>
        <source>Reset &amp;code</source>
        <translation>&amp;Code de réinitialisation</translation>
    </message>
    <message>
        <source>HZ-…, as you were given it</source>
        <translation>HZ-…, tel qu’on vous l’a donné</translation>
    </message>
    <message>
        <source>&amp;New password</source>
        <translation>&amp;Nouveau mot de passe</translation>
    </message>
    <message>
        <source>Con&amp;firm new password</source>
        <translation>Con&amp;firmer le nouveau mot de passe</translation>
    </message>
    <message>
        <source>Every device signed in to this account is signed out.</source>
        <translation>Tous les appareils connectés à ce compte sont déconnectés.</translation>
    </message>
    <message>
        <source>Remembered it? Sign in</source>
        <translation>Vous vous en souvenez ? Se connecter</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Réinitialiser le mot de passe</translation>
    </message>
    <message>
        <source>Setting password…</source>
        <translation>Définition du mot de passe…</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::RestrictedWordsEditor</name>
    <message>
        <source>Restricted words</source>
        <translation>Mots interdits</translation>
    </message>
    <message>
        <source>Word or phrase</source>
        <translation>Mot ou expression</translation>
    </message>
    <message>
        <source>Why it is restricted</source>
        <translation>Pourquoi il est interdit</translation>
    </message>
    <message>
        <source>Add word</source>
        <translation>Ajouter un mot</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>Retirer la sélection</translation>
    </message>
    <message>
        <source>Restore platform defaults</source>
        <translation>Rétablir la liste des plateformes</translation>
    </message>
    <message>
        <source>Save words</source>
        <translation>Enregistrer les mots</translation>
    </message>
    <message>
        <source>Platform defaults restored. Save to keep them.</source>
        <translation>Liste des plateformes rétablie. Enregistrez pour la garder.</translation>
    </message>
    <message>
        <source>On your own list</source>
        <translation>Dans votre propre liste</translation>
    </message>
    <message>
        <source>Saved. Every caption and message is checked against this list.</source>
        <translation>Enregistré. Chaque légende et chaque message sont vérifiés avec cette liste.</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::ServiceStatusIndicator</name>
    <message>
        <source>Service paused</source>
        <translation>Service en pause</translation>
    </message>
    <message>
        <source>Services OK</source>
        <translation>Services opérationnels</translation>
    </message>
    <message>
        <source>Paused after repeated failures: %1. Click for details.</source>
        <translation>En pause après des échecs répétés : %1. Cliquez pour les détails.</translation>
    </message>
    <message>
        <source>Every online service Huntaze uses is working. Click for details.</source>
        <translation>Tous les services en ligne utilisés par Huntaze fonctionnent. Cliquez pour les détails.</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::ServiceStatusView</name>
    <message>
        <source>Online services</source>
        <translation>Services en ligne</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Recent failures</source>
        <translation>Échecs récents</translation>
    </message>
    <message>
        <source>Next try</source>
        <translation>Prochain essai</translation>
    </message>
    <message>
        <source>No online service has been used yet. With the embedded backend Huntaze works fully offline.</source>
        <translation>Aucun service en ligne n&apos;a encore été utilisé. Avec le stockage intégré, Huntaze fonctionne entièrement hors ligne.</translation>
    </message>
    <message>
        <source>No calls yet</source>
        <translation>Aucun appel pour l&apos;instant</translation>
    </message>
    <message numerus="yes">
        <source>%1 of the last %n calls</source>
        <translation>
            <numerusform>%1 du dernier appel</numerusform>
            <numerusform>%1 des %n derniers appels</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huntaze::ui::SettingsPage</name>
    <message>
        <source>Language and appearance</source>
        <translation>Langue et apparence</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>Redémarrer maintenant</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Apparence</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Suivre le système</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>&amp;Apparence</translation>
    </message>
    <message>
        <source>The new language applies when Huntaze restarts.</source>
        <translation>La nouvelle langue s’applique au redémarrage de Huntaze.</translation>
    </message>
    <message>
        <source>Your data</source>
        <translation>Vos données</translation>
    </message>
    <message>
        <source>&amp;Backend</source>
        <translation>&amp;Stockage</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Dossier des données</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <source>Data &amp;folder</source>
        <translation>&amp;Dossier des données</translation>
    </message>
    <message>
        <source>Sign-in memory</source>
        <translation>Mémoire de connexion</translation>
    </message>
    <message>
        <source>Your session is kept in the system keychain, never in a plain file.</source>
        <translation>Votre session est conservée dans le trousseau du système, jamais dans un simple fichier.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Huntaze could not restart itself. Quit and open it again.</source>
        <translation>Huntaze n&apos;a pas pu redémarrer. Quittez-le puis rouvrez-le.</translation>
    </message>
    <message>
        <source>Service status</source>
        <translation>État des services</translation>
    </message>
    <message>
        <source>AI suggestions</source>
        <translation>Suggestions par IA</translation>
    </message>
    <message>
        <source>AI provider</source>
        <translation>Fournisseur d&apos;IA</translation>
    </message>
    <message>
        <source>Offline (built in, nothing leaves this computer)</source>
        <translation>Hors ligne (intégré, rien ne quitte cet ordinateur)</translation>
    </message>
    <message>
        <source>OpenAI-compatible service (OpenAI, Azure, Ollama, LM Studio…)</source>
        <translation>Service compatible OpenAI (OpenAI, Azure, Ollama, LM Studio…)</translation>
    </message>
    <message>
        <source>P&amp;rovider</source>
        <translation>&amp;Fournisseur</translation>
    </message>
    <message>
        <source>Service address</source>
        <translation>Adresse du service</translation>
    </message>
    <message>
        <source>Add&amp;ress</source>
        <translation>Ad&amp;resse</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>&amp;Modèle</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clé d&apos;API</translation>
    </message>
    <message>
        <source>Kept in your system keychain. Leave empty to keep the saved key.</source>
        <translation>Conservée dans le trousseau du système. Laissez vide pour garder la clé enregistrée.</translation>
    </message>
    <message>
        <source>API &amp;key</source>
        <translation>&amp;Clé d&apos;API</translation>
    </message>
    <message>
        <source>Save AI settings</source>
        <translation>Enregistrer les réglages d&apos;IA</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <source>Enter the model to use, for example gpt-4o-mini or llama3.</source>
        <translation>Saisissez le modèle à utiliser, par exemple gpt-4o-mini ou llama3.</translation>
    </message>
    <message>
        <source>Using offline suggestions.</source>
        <translation>Suggestions hors ligne utilisées.</translation>
    </message>
    <message>
        <source>Saved. Suggestions now come from %1.</source>
        <translation>Enregistré. Les suggestions viennent maintenant de %1.</translation>
    </message>
    <message>
        <source>The key works for this session only: %1</source>
        <translation>La clé ne vaut que pour cette session : %1</translation>
    </message>
    <message>
        <source>Offline suggestions always work: nothing to connect to.</source>
        <translation>Les suggestions hors ligne fonctionnent toujours : rien à connecter.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Test en cours…</translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation>Connecté à %1.</translation>
    </message>
    <message>
        <source>Restricted words</source>
        <translation>Mots interdits</translation>
    </message>
    <message>
        <source>Words your captions and fan messages must never contain. Generated text that uses one is dropped; text you write is highlighted.</source>
        <translation>Les mots que vos légendes et messages ne doivent jamais contenir. Un texte généré qui en utilise un est écarté ; un texte que vous écrivez est surligné.</translation>
    </message>
    <message>
        <source>Your Huntaze server runs the AI tools with the provider its administrator chose.</source>
        <translation>Votre serveur Huntaze exécute les outils d&apos;IA avec le fournisseur choisi par son administrateur.</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source>&amp;Currency</source>
        <translation>&amp;Devise</translation>
    </message>
    <message>
        <source>Amounts on every page are written in this currency, the way your language writes money.</source>
        <translation>Les montants de chaque page sont écrits dans cette devise, à la manière de votre langue.</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Mot de passe actuel</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Nouveau mot de passe</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>Confirmation du nouveau mot de passe</translation>
    </message>
    <message>
        <source>C&amp;urrent password</source>
        <translation>Mot de passe ac&amp;tuel</translation>
    </message>
    <message>
        <source>&amp;New password</source>
        <translation>&amp;Nouveau mot de passe</translation>
    </message>
    <message>
        <source>New password a&amp;gain</source>
        <translation>Confirmez le mot de &amp;passe</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>Changer le mot de passe</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>Les deux nouveaux mots de passe diffèrent.</translation>
    </message>
    <message>
        <source>Password changed. Your other sessions have ended; this one stays signed in.</source>
        <translation>Mot de passe changé. Vos autres sessions ont pris fin ; celle-ci reste connectée.</translation>
    </message>
    <message>
        <source>Sign out everywhere</source>
        <translation>Se déconnecter partout</translation>
    </message>
    <message>
        <source>Ends your sessions on every computer and in every agency, this one included.</source>
        <translation>Met fin à vos sessions sur chaque ordinateur et dans chaque agence, y compris celle-ci.</translation>
    </message>
    <message>
        <source>Move your data to a server</source>
        <translation>Transférer vos données vers un serveur</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::ShiftsPage</name>
    <message>
        <source>Export hours…</source>
        <translation>Exporter les heures…</translation>
    </message>
    <message>
        <source>Export the hours</source>
        <translation>Exporter les heures</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Exporté dans %1.</translation>
    </message>
    <message>
        <source>Your shift</source>
        <translation>Votre service</translation>
    </message>
    <message>
        <source>Weekly schedule</source>
        <translation>Planning de la semaine</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Membre</translation>
    </message>
    <message>
        <source>Creator</source>
        <translation>Créateur</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Jour</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>To</source>
        <translation>À</translation>
    </message>
    <message>
        <source>Add to the schedule</source>
        <translation>Ajouter au planning</translation>
    </message>
    <message>
        <source>Remove the selected shift</source>
        <translation>Retirer le créneau sélectionné</translation>
    </message>
    <message>
        <source>End a shift after this many minutes without activity:</source>
        <translation>Terminer un service après ce nombre de minutes sans activité :</translation>
    </message>
    <message>
        <source>Idle limit in minutes</source>
        <translation>Délai d’inactivité en minutes</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message numerus="yes">
        <source>Shifts now end after %n minutes without activity.</source>
        <translation>
            <numerusform>Les services se terminent désormais après %n minute sans activité.</numerusform>
            <numerusform>Les services se terminent désormais après %n minutes sans activité.</numerusform>
        </translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Heures</translation>
    </message>
    <message>
        <source>To (included)</source>
        <translation>Jusqu’au (inclus)</translation>
    </message>
    <message>
        <source>Shifts</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>Hours clocked</source>
        <translation>Heures pointées</translation>
    </message>
    <message>
        <source>Hours scheduled</source>
        <translation>Heures prévues</translation>
    </message>
    <message numerus="yes">
        <source>Your shift ended after %n minutes without activity. Clock in again to go on.</source>
        <translation>
            <numerusform>Votre service s’est terminé après %n minute sans activité. Pointez de nouveau pour continuer.</numerusform>
            <numerusform>Votre service s’est terminé après %n minutes sans activité. Pointez de nouveau pour continuer.</numerusform>
        </translation>
    </message>
    <message>
        <source>Clocked in for %1 since %2 (%3).</source>
        <translation>En service pour %1 depuis %2 (%3).</translation>
    </message>
    <message>
        <source>Clock out</source>
        <translation>Pointer le départ</translation>
    </message>
    <message>
        <source>Switch to %1</source>
        <translation>Passer à %1</translation>
    </message>
    <message numerus="yes">
        <source>You are not clocked in. Shifts end by themselves after %n minutes without activity.</source>
        <translation>
            <numerusform>Vous n’êtes pas en service. Un service se termine de lui-même après %n minute sans activité.</numerusform>
            <numerusform>Vous n’êtes pas en service. Un service se termine de lui-même après %n minutes sans activité.</numerusform>
        </translation>
    </message>
    <message>
        <source>Clock in for %1</source>
        <translation>Pointer l’arrivée pour %1</translation>
    </message>
    <message>
        <source>Clocked out after %1.</source>
        <translation>Départ pointé après %1.</translation>
    </message>
    <message>
        <source>Added to the schedule.</source>
        <translation>Ajouté au planning.</translation>
    </message>
    <message>
        <source>Removed from the schedule.</source>
        <translation>Retiré du planning.</translation>
    </message>
    <message>
        <source>The period must end after it starts.</source>
        <translation>La période doit finir après son début.</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::Sidebar</name>
    <message>
        <source>Huntaze</source>
        <translation>Huntaze</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <source>Creator</source>
        <translation>Créateur</translation>
    </message>
    <message>
        <source>The creator every page works on</source>
        <translation>Le créateur sur lequel travaillent toutes les pages</translation>
    </message>
    <message>
        <source>Creator %1</source>
        <translation>Créateur %1</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::SignInPage</name>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Welcome back</source>
        <translation>Bon retour</translation>
    </message>
    <message>
        <source>Sign in to your Huntaze account on this computer.</source>
        <translation>Connectez-vous à votre compte Huntaze sur cet ordinateur.</translation>
    </message>
    <message>
        <source>New to Huntaze? Create an account</source>
        <translation>Nouveau sur Huntaze ? Créez un compte</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>&amp;Invitation code</source>
        <translation>Code d’&amp;invitation</translation>
    </message>
    <message>
        <source>Only to join another agency</source>
        <translation>Seulement pour rejoindre une autre agence</translation>
    </message>
    <message>
        <source>Forgot your password? Use a reset code</source>
        <translation>Mot de passe oublié ? Utiliser un code de réinitialisation</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::SignUpPage</name>
    <message>
        <source>Create account</source>
        <translation>Créer un compte</translation>
    </message>
    <message>
        <source>Create your account</source>
        <translation>Créez votre compte</translation>
    </message>
    <message>
        <source>Your account lives on this computer. Nothing is sent anywhere.</source>
        <translation>Votre compte reste sur cet ordinateur. Rien n&apos;est envoyé ailleurs.</translation>
    </message>
    <message>
        <source>&amp;Display name</source>
        <translation>&amp;Nom d&apos;affichage</translation>
    </message>
    <message>
        <source>The name your fans know you by</source>
        <translation>Le nom sous lequel vos fans vous connaissent</translation>
    </message>
    <message>
        <source>&amp;Confirm password</source>
        <translation>&amp;Confirmer le mot de passe</translation>
    </message>
    <message>
        <source>Use a long passphrase you do not use elsewhere. It cannot be recovered if you forget it.</source>
        <translation>Choisissez une longue phrase secrète que vous n&apos;utilisez nulle part ailleurs. Elle ne peut pas être récupérée si vous l&apos;oubliez.</translation>
    </message>
    <message>
        <source>Already have an account? Sign in</source>
        <translation>Déjà un compte ? Connectez-vous</translation>
    </message>
    <message>
        <source>Creating account…</source>
        <translation>Création du compte…</translation>
    </message>
    <message>
        <source>&amp;Invitation code</source>
        <translation>Code d’&amp;invitation</translation>
    </message>
    <message>
        <source>Only if an agency invited you</source>
        <translation>Seulement si une agence vous a invité</translation>
    </message>
    <message>
        <source>Your account lives on your agency&apos;s Huntaze server. Joining an agency? Enter the invitation code you were given.</source>
        <translation>Votre compte est sur le serveur Huntaze de votre agence. Vous rejoignez une agence ? Saisissez le code d’invitation qu’on vous a donné.</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::StartupPage</name>
    <message>
        <source>Opening your data…</source>
        <translation>Ouverture de vos données…</translation>
    </message>
    <message>
        <source>Quit Huntaze</source>
        <translation>Quitter Huntaze</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Démarrage</translation>
    </message>
    <message>
        <source>Huntaze cannot open your data.</source>
        <translation>Huntaze ne peut pas ouvrir vos données.</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Réessayer</translation>
    </message>
    <message>
        <source>Open &amp;settings</source>
        <translation>Ouvrir les &amp;paramètres</translation>
    </message>
    <message>
        <source>Open settings, for example to keep your data on this computer</source>
        <translation>Ouvrir les paramètres, par exemple pour garder vos données sur cet ordinateur</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::SyncProblemsDialog</name>
    <message>
        <source>Sync problems</source>
        <translation>Problèmes de synchronisation</translation>
    </message>
    <message>
        <source>Changes the server refused</source>
        <translation>Modifications refusées par le serveur</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>What this computer had sent:</source>
        <translation>Ce que cet ordinateur avait envoyé :</translation>
    </message>
    <message>
        <source>What this computer had sent</source>
        <translation>Ce que cet ordinateur avait envoyé</translation>
    </message>
    <message>
        <source>Copy what was sent</source>
        <translation>Copier ce qui a été envoyé</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Écarter</translation>
    </message>
    <message>
        <source>The problem leaves this list, with this computer&apos;s copy of the change.</source>
        <translation>Le problème quitte cette liste, avec la copie de la modification gardée sur cet ordinateur.</translation>
    </message>
    <message numerus="yes">
        <source>%n fan(s) imported</source>
        <translation>
            <numerusform>%n fan importé</numerusform>
            <numerusform>%n fans importés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n offer(s) imported</source>
        <translation>
            <numerusform>%n offre importée</numerusform>
            <numerusform>%n offres importées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n post(s) imported</source>
        <translation>
            <numerusform>%n publication importée</numerusform>
            <numerusform>%n publications importées</numerusform>
        </translation>
    </message>
    <message>
        <source>Preference “%1”</source>
        <translation>Préférence « %1 »</translation>
    </message>
    <message>
        <source>A conflict resolved</source>
        <translation>Un conflit résolu</translation>
    </message>
    <message>
        <source>A draft</source>
        <translation>Un brouillon</translation>
    </message>
    <message>
        <source>Draft “%1”</source>
        <translation>Brouillon « %1 »</translation>
    </message>
    <message>
        <source>The sync problems could not be read: %1</source>
        <translation>Les problèmes de synchronisation n’ont pas pu être lus : %1</translation>
    </message>
    <message>
        <source>The server took every change made on this computer.</source>
        <translation>Le serveur a accepté toutes les modifications faites sur cet ordinateur.</translation>
    </message>
    <message>
        <source>The server refused these changes for good; the rest of your changes went on. This computer keeps what it had sent until you dismiss the problem.</source>
        <translation>Le serveur a refusé définitivement ces modifications ; les autres sont passées. Cet ordinateur garde ce qu’il avait envoyé jusqu’à ce que vous écartiez le problème.</translation>
    </message>
    <message>
        <source>The problem could not be dismissed: %1</source>
        <translation>Le problème n’a pas pu être écarté : %1</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::SyncStatusIndicator</name>
    <message>
        <source>Sync status</source>
        <translation>État de la synchronisation</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisé</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n modification en attente</numerusform>
            <numerusform>%n modifications en attente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflit</numerusform>
            <numerusform>%n conflits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sync problem(s)</source>
        <translation>
            <numerusform>%n problème de synchronisation</numerusform>
            <numerusform>%n problèmes de synchronisation</numerusform>
        </translation>
    </message>
    <message>
        <source>Last synced %1.</source>
        <translation>Dernière synchronisation : %1.</translation>
    </message>
    <message>
        <source>Not synced yet.</source>
        <translation>Pas encore synchronisé.</translation>
    </message>
    <message>
        <source>Click to sync now; your changes are kept on this computer until the server has them.</source>
        <translation>Cliquez pour synchroniser maintenant ; vos modifications restent sur cet ordinateur jusqu’à ce que le serveur les ait.</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Synchroniser maintenant</translation>
    </message>
    <message>
        <source>Sync problems…</source>
        <translation>Problèmes de synchronisation…</translation>
    </message>
    <message>
        <source>Its menu lists the changes the server refused.</source>
        <translation>Son menu liste les modifications refusées par le serveur.</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::TeamPage</name>
    <message>
        <source>Invite</source>
        <translation>Inviter</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Membres</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Creators</source>
        <translation>Créateurs</translation>
    </message>
    <message>
        <source>Last active</source>
        <translation>Dernière activité</translation>
    </message>
    <message>
        <source>Role and creators</source>
        <translation>Rôle et créateurs</translation>
    </message>
    <message>
        <source>Chatters work only on the creators ticked here; a creator&apos;s login is the first one ticked. Invite someone new with them, or apply them to the member selected above.</source>
        <translation>Les chatteurs ne travaillent que sur les créateurs cochés ici ; le compte d’un créateur est le premier coché. Invitez quelqu’un avec ces choix, ou appliquez-les au membre sélectionné ci-dessus.</translation>
    </message>
    <message>
        <source>Chatter: fans, messages, captions and ideas of their creators</source>
        <translation>Chatteur : fans, messages, légendes et idées de ses créateurs</translation>
    </message>
    <message>
        <source>Admin: everything but the owners</source>
        <translation>Admin : tout sauf les propriétaires</translation>
    </message>
    <message>
        <source>Creator: their own profile and its data</source>
        <translation>Créateur : son propre profil et ses données</translation>
    </message>
    <message>
        <source>Owner: everything</source>
        <translation>Propriétaire : tout</translation>
    </message>
    <message>
        <source>Creators they work on</source>
        <translation>Créateurs sur lesquels il travaille</translation>
    </message>
    <message>
        <source>Create an invitation</source>
        <translation>Créer une invitation</translation>
    </message>
    <message>
        <source>Apply to the selected member</source>
        <translation>Appliquer au membre sélectionné</translation>
    </message>
    <message>
        <source>Remove the selected member</source>
        <translation>Retirer le membre sélectionné</translation>
    </message>
    <message>
        <source>Remove %1?</source>
        <translation>Retirer %1 ?</translation>
    </message>
    <message>
        <source>%1 loses access to the agency at once: every session they have ends.</source>
        <translation>%1 perd immédiatement l’accès à l’agence : toutes ses sessions prennent fin.</translation>
    </message>
    <message>
        <source>Invitation code</source>
        <translation>Code d’invitation</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>Copier le code</translation>
    </message>
    <message>
        <source>Invitation code copied.</source>
        <translation>Code d’invitation copié.</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <source>Chatters, invitations and roles need a Huntaze server: your data is on this computer, where you are its only member. Settings → Your data connects to a server.</source>
        <translation>Les chatteurs, les invitations et les rôles demandent un serveur Huntaze : vos données sont sur cet ordinateur, où vous êtes le seul membre. Réglages → Vos données permet de se connecter à un serveur.</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tous</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source>Tick the creator this login is.</source>
        <translation>Cochez le créateur auquel correspond ce compte.</translation>
    </message>
    <message>
        <source>Give this code to the person you invite; it works once, until %1. They enter it when they create their account or sign in.</source>
        <translation>Donnez ce code à la personne que vous invitez ; il sert une seule fois, jusqu’au %1. Elle le saisit en créant son compte ou en se connectant.</translation>
    </message>
    <message>
        <source>Role and creators changed.</source>
        <translation>Rôle et créateurs modifiés.</translation>
    </message>
    <message>
        <source>The member was removed; their sessions have ended.</source>
        <translation>Le membre a été retiré ; ses sessions ont pris fin.</translation>
    </message>
    <message>
        <source>%1 (custom role)</source>
        <translation>%1 (rôle personnalisé)</translation>
    </message>
    <message>
        <source>Make a role</source>
        <translation>Créer un rôle</translation>
    </message>
    <message>
        <source>A role is a name, what it allows and which creators it applies to. Members given it see only the pages it allows.</source>
        <translation>Un rôle, c’est un nom, ce qu’il permet et les créateurs auxquels il s’applique. Les membres qui l’ont ne voient que les pages qu’il permet.</translation>
    </message>
    <message>
        <source>Role name</source>
        <translation>Nom du rôle</translation>
    </message>
    <message>
        <source>Night chatter, Analyst…</source>
        <translation>Chatteur de nuit, Analyste…</translation>
    </message>
    <message>
        <source>Creators it applies to</source>
        <translation>Créateurs concernés</translation>
    </message>
    <message>
        <source>The creators assigned to each member</source>
        <translation>Les créateurs attribués à chaque membre</translation>
    </message>
    <message>
        <source>Every creator of the agency</source>
        <translation>Tous les créateurs de l’agence</translation>
    </message>
    <message>
        <source>The member&apos;s own creator profile</source>
        <translation>Le profil de créateur du membre lui-même</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <source>&amp;Creators</source>
        <translation>&amp;Créateurs</translation>
    </message>
    <message>
        <source>What the role allows</source>
        <translation>Ce que le rôle permet</translation>
    </message>
    <message>
        <source>Make the role</source>
        <translation>Créer le rôle</translation>
    </message>
    <message>
        <source>Tick at least one thing the role allows.</source>
        <translation>Cochez au moins une chose que le rôle permet.</translation>
    </message>
    <message>
        <source>The role %1 is ready: it is chosen above, to invite someone with it or give it to a member.</source>
        <translation>Le rôle %1 est prêt : il est choisi plus haut, pour inviter quelqu’un avec ou le donner à un membre.</translation>
    </message>
    <message>
        <source>Delete the agency</source>
        <translation>Supprimer l’agence</translation>
    </message>
    <message>
        <source>Deletes every creator, fan, offer, post, draft, shift and audit entry of the agency, and ends every member&apos;s session. Logins stay: members can join another agency with an invitation. This cannot be undone.</source>
        <translation>Supprime tous les créateurs, fans, offres, publications, brouillons, services et entrées du journal de l’agence, et met fin à la session de chaque membre. Les identifiants restent : les membres peuvent rejoindre une autre agence avec une invitation. C’est irréversible.</translation>
    </message>
    <message>
        <source>Delete the agency…</source>
        <translation>Supprimer l’agence…</translation>
    </message>
    <message>
        <source>Delete %1?</source>
        <translation>Supprimer %1 ?</translation>
    </message>
    <message>
        <source>Everything in %1 is deleted for good. Type its name to confirm:</source>
        <translation>Tout le contenu de %1 sera supprimé définitivement. Saisissez son nom pour confirmer :</translation>
    </message>
    <message>
        <source>End their sessions</source>
        <translation>Mettre fin à ses sessions</translation>
    </message>
    <message>
        <source>Their sessions have ended; they stay a member and can sign in again.</source>
        <translation>Ses sessions ont pris fin ; ce membre reste dans l’agence et peut se reconnecter.</translation>
    </message>
    <message>
        <source>Password reset code</source>
        <translation>Code de réinitialisation</translation>
    </message>
    <message>
        <source>Give this code to %1: with it and their email they choose a new password, once, until %2. Their sessions end then.</source>
        <translation>Donnez ce code à %1 : avec lui et son adresse, il choisit un nouveau mot de passe, une seule fois, jusqu’au %2. Ses sessions prennent alors fin.</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::TimeSeriesChart</name>
    <message>
        <source>%1 to %2</source>
        <translation>du %1 au %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Total: %1</source>
        <translation>Total : %1</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
    <message>
        <source>Could not write the image %1.</source>
        <translation>Impossible d’écrire l’image %1.</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::TopPostsChart</name>
    <message>
        <source>Top posts by likes and comments</source>
        <translation>Meilleures publications par j’aime et commentaires</translation>
    </message>
    <message>
        <source>%1 — %2 likes, %3 comments, %4 views; put up %5</source>
        <translation>%1 — %2 j’aime, %3 commentaires, %4 vues ; mise en ligne le %5</translation>
    </message>
    <message>
        <source>Likes</source>
        <translation>J’aime</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Commentaires</translation>
    </message>
    <message>
        <source>No posts in this period.</source>
        <translation>Aucune publication sur cette période.</translation>
    </message>
    <message>
        <source>Top post: %1</source>
        <translation>Meilleure publication : %1</translation>
    </message>
</context>
<context>
    <name>huntaze::ui::WeekHeatmap</name>
    <message>
        <source>Best time: %1</source>
        <translation>Meilleur moment : %1</translation>
    </message>
    <message>
        <source>%1 %2:00-%3:00: %4</source>
        <translation>%1 %2 h-%3 h : %4</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Huntaze: the creator dashboard that works offline.</source>
        <translation>Huntaze : le tableau de bord des créateurs qui fonctionne hors ligne.</translation>
    </message>
    <message>
        <source>Keep the database and logs in &lt;folder&gt;.</source>
        <translation>Conserver la base de données et les journaux dans &lt;dossier&gt;.</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>dossier</translation>
    </message>
    <message>
        <source>Print start-up time and memory after the first paint, then quit.</source>
        <translation>Afficher le temps de démarrage et la mémoire après le premier affichage, puis quitter.</translation>
    </message>
</context>
</TS>
