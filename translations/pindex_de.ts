<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AddIndexDetailsPage</name>
    <message>
        <source>Name and role</source>
        <translation>Name und Rolle</translation>
    </message>
    <message>
        <source>The name is how pins and uv&apos;s environment variables refer to the index.</source>
        <translation>Über den Namen verweisen Bindungen und die Umgebungsvariablen von uv auf den Index.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Index name</source>
        <translation>Name des Index</translation>
    </message>
    <message>
        <source>How should uv use it?</source>
        <translation>Wie soll uv ihn verwenden?</translation>
    </message>
    <message>
        <source>&amp;Search it before PyPI</source>
        <translation>Vor PyPI &amp;durchsuchen</translation>
    </message>
    <message>
        <source>&amp;Only for packages I pin to it</source>
        <translation>&amp;Nur für Pakete, die ich an ihn binde</translation>
    </message>
    <message>
        <source>Use it &amp;instead of PyPI</source>
        <translation>&amp;Statt PyPI verwenden</translation>
    </message>
    <message>
        <source>&amp;Send credentials:</source>
        <translation>Zugangsdaten &amp;senden:</translation>
    </message>
    <message>
        <source>Send credentials</source>
        <translation>Zugangsdaten senden</translation>
    </message>
    <message>
        <source>When the index asks for them (auto)</source>
        <translation>Wenn der Index sie verlangt (auto)</translation>
    </message>
    <message>
        <source>With every request (always)</source>
        <translation>Mit jeder Anfrage (always)</translation>
    </message>
    <message>
        <source>Never (a public index)</source>
        <translation>Nie (ein öffentlicher Index) (never)</translation>
    </message>
</context>
<context>
    <name>AddIndexSourcePage</name>
    <message>
        <source>Where is the index?</source>
        <translation>Wo ist der Index?</translation>
    </message>
    <message>
        <source>Pick your provider and fill in the blanks, or paste the index URL.</source>
        <translation>Wählen Sie Ihren Anbieter und füllen Sie die Lücken aus, oder fügen Sie die Index-URL ein.</translation>
    </message>
    <message>
        <source>A &amp;provider</source>
        <translation>Ein &amp;Anbieter</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>An index &amp;URL</source>
        <translation>Eine Index-&amp;URL</translation>
    </message>
    <message>
        <source>https://pkgs.example.com/simple/</source>
        <translation>https://pkgs.example.com/simple/</translation>
    </message>
    <message>
        <source>Index URL</source>
        <translation>Index-URL</translation>
    </message>
    <message>
        <source>A &amp;flat index (a page or folder of links, like pip&apos;s --find-links)</source>
        <translation>Ein &amp;flacher Index (eine Seite oder ein Ordner mit Links, wie --find-links von pip)</translation>
    </message>
</context>
<context>
    <name>CredentialsDialog</name>
    <message>
        <source>Index credentials</source>
        <translation>Zugangsdaten des Index</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>empty for a bare token; __token__ for PyPI-style tokens</source>
        <translation>leer für ein reines Token; __token__ für Tokens im PyPI-Stil</translation>
    </message>
    <message>
        <source>&amp;Password or token:</source>
        <translation>&amp;Passwort oder Token:</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>&amp;Keep in:</source>
        <translation>Au&amp;fbewahren in:</translation>
    </message>
    <message>
        <source>OS keychain</source>
        <translation>Schlüsselbund des Systems</translation>
    </message>
    <message>
        <source>This session only</source>
        <translation>Nur in dieser Sitzung</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>queued</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>downloading</source>
        <translation>wird heruntergeladen</translation>
    </message>
    <message>
        <source>downloaded</source>
        <translation>heruntergeladen</translation>
    </message>
    <message>
        <source>installing</source>
        <translation>wird installiert</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>Vorbereitung</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Installing %1 of %2</source>
        <translation>Installiere %1 von %2</translation>
    </message>
    <message>
        <source>%1 installed</source>
        <translation>%1 installiert</translation>
    </message>
    <message>
        <source>%1 upgraded</source>
        <translation>%1 aktualisiert</translation>
    </message>
    <message>
        <source>%1 downgraded</source>
        <translation>%1 herabgestuft</translation>
    </message>
    <message>
        <source>%1 reinstalled</source>
        <translation>%1 neu installiert</translation>
    </message>
    <message>
        <source>%1 removed</source>
        <translation>%1 entfernt</translation>
    </message>
    <message>
        <source>%1 already in sync</source>
        <translation>%1 bereits abgeglichen</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 not started</source>
        <translation>%1 nicht begonnen</translation>
    </message>
    <message>
        <source>Nothing to do.</source>
        <translation>Nichts zu tun.</translation>
    </message>
    <message>
        <source>Created %1. </source>
        <translation>%1 angelegt. </translation>
    </message>
    <message>
        <source> (%1 ms)</source>
        <translation> (%1 ms)</translation>
    </message>
    <message>
        <source> Cancelled: every package is in its old or its new state; Sync again to finish.</source>
        <translation> Abgebrochen: Jedes Paket ist entweder im alten oder im neuen Zustand; zum Abschließen erneut abgleichen.</translation>
    </message>
    <message>
        <source>
Next: set the index&apos;s credentials in the Indexes tab, then try again.</source>
        <translation>
Als Nächstes: Die Zugangsdaten des Index im Reiter „Indizes“ eintragen und erneut versuchen.</translation>
    </message>
    <message>
        <source>
Next: check the network or the index URL in the Indexes tab, then try again.</source>
        <translation>
Als Nächstes: Das Netzwerk oder die Index-URL im Reiter „Indizes“ prüfen und erneut versuchen.</translation>
    </message>
    <message>
        <source>
Next: Lock the project first (Ctrl+L).</source>
        <translation>
Als Nächstes: Zuerst das Projekt sperren (Strg+L).</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Download cache</source>
        <translation>Download-Zwischenspeicher</translation>
    </message>
    <message>
        <source>&amp;Location:</source>
        <translation>&amp;Ort:</translation>
    </message>
    <message>
        <source>Cache location</source>
        <translation>Ort des Zwischenspeichers</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen …</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <source>Cache size</source>
        <translation>Größe des Zwischenspeichers</translation>
    </message>
    <message>
        <source>&amp;Clear Cache</source>
        <translation>Zwischenspeicher &amp;leeren</translation>
    </message>
    <message>
        <source>Indexes</source>
        <translation>Indizes</translation>
    </message>
    <message>
        <source>Parallel &amp;downloads:</source>
        <translation>Parallele &amp;Downloads:</translation>
    </message>
    <message>
        <source>Parallel downloads</source>
        <translation>Parallele Downloads</translation>
    </message>
    <message>
        <source>Default &amp;strategy:</source>
        <translation>Standard-&amp;Strategie:</translation>
    </message>
    <message>
        <source>Default index strategy</source>
        <translation>Standard-Indexstrategie</translation>
    </message>
    <message>
        <source>Used for projects whose pyproject.toml does not choose one, and offered for new projects.</source>
        <translation>Gilt für Projekte, deren pyproject.toml keine wählt, und wird für neue Projekte vorgeschlagen.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>Applies when Pindex starts again.</source>
        <translation>Wirkt beim nächsten Start von Pindex.</translation>
    </message>
</context>
<context>
    <name>pindex::ui::AboutDialog</name>
    <message>
        <source>About Pindex</source>
        <translation>Über Pindex</translation>
    </message>
    <message>
        <source>Private package indexes, pins, credentials, lockfiles and environments for Python projects, in uv&apos;s format.</source>
        <translation>Private Paketindizes, Bindungen, Zugangsdaten, Lockdateien und Umgebungen für Python-Projekte, im Format von uv.</translation>
    </message>
    <message>
        <source>Released under the MIT License.</source>
        <translation>Veröffentlicht unter der MIT-Lizenz.</translation>
    </message>
    <message>
        <source>Libraries:</source>
        <translation>Bibliotheken:</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothek</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>&amp;Copy Version Information</source>
        <translation>Versionsangaben &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;About Pindex</source>
        <translation>&amp;Über Pindex</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
</context>
<context>
    <name>pindex::ui::AddIndexWizard</name>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>Server URL:</source>
        <translation>Server-URL:</translation>
    </message>
    <message>
        <source>Repository key:</source>
        <translation>Repository-Schlüssel:</translation>
    </message>
    <message>
        <source>Repository:</source>
        <translation>Repository:</translation>
    </message>
    <message>
        <source>Organization:</source>
        <translation>Organisation:</translation>
    </message>
    <message>
        <source>Project ID:</source>
        <translation>Projekt-ID:</translation>
    </message>
    <message>
        <source>Project:</source>
        <translation>Projekt:</translation>
    </message>
    <message>
        <source>Feed:</source>
        <translation>Feed:</translation>
    </message>
    <message>
        <source>Domain:</source>
        <translation>Domäne:</translation>
    </message>
    <message>
        <source>AWS account ID:</source>
        <translation>AWS-Konto-ID:</translation>
    </message>
    <message>
        <source>Region:</source>
        <translation>Region:</translation>
    </message>
    <message>
        <source>Group ID:</source>
        <translation>Gruppen-ID:</translation>
    </message>
    <message>
        <source>Location:</source>
        <translation>Standort:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <source>Index:</source>
        <translation>Index:</translation>
    </message>
    <message>
        <source>is still empty</source>
        <translation>ist noch leer</translation>
    </message>
    <message>
        <source>must not contain a user name or password</source>
        <translation>darf keinen Benutzernamen und kein Passwort enthalten</translation>
    </message>
    <message>
        <source>is not a host name (like pkgs.example.com or pkgs.example.com:8443)</source>
        <translation>ist kein Hostname (wie pkgs.example.com oder pkgs.example.com:8443)</translation>
    </message>
    <message>
        <source>must start with https:// or http://</source>
        <translation>muss mit https:// oder http:// beginnen</translation>
    </message>
    <message>
        <source>must not contain &apos;/&apos;</source>
        <translation>darf kein „/“ enthalten</translation>
    </message>
    <message>
        <source>contains a character that cannot appear in a URL</source>
        <translation>enthält ein Zeichen, das in einer URL nicht vorkommen darf</translation>
    </message>
    <message>
        <source>must be digits only</source>
        <translation>darf nur aus Ziffern bestehen</translation>
    </message>
    <message>
        <source>must be lower case</source>
        <translation>muss kleingeschrieben sein</translation>
    </message>
    <message>
        <source>No credentials yet.</source>
        <translation>Noch keine Zugangsdaten.</translation>
    </message>
    <message>
        <source>From the URL.</source>
        <translation>Aus der URL.</translation>
    </message>
    <message>
        <source>From the environment variables %1 and %2.</source>
        <translation>Aus den Umgebungsvariablen %1 und %2.</translation>
    </message>
    <message>
        <source>From your netrc file.</source>
        <translation>Aus Ihrer netrc-Datei.</translation>
    </message>
    <message>
        <source>From the keychain.</source>
        <translation>Aus dem Schlüsselbund.</translation>
    </message>
    <message>
        <source>Kept for this session only.</source>
        <translation>Nur für diese Sitzung aufbewahrt.</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Fill in the blanks. The user name is %1; the password is %2.</source>
        <translation>Füllen Sie die Lücken aus. Benutzername ist %1; Passwort ist %2.</translation>
    </message>
    <message>
        <source>Index URL: %1
User name: %2; password: %3.</source>
        <translation>Index-URL: %1
Benutzername: %2; Passwort: %3.</translation>
    </message>
    <message>
        <source>Paste the index URL, for example https://pkgs.example.com/simple/.</source>
        <translation>Fügen Sie die Index-URL ein, zum Beispiel https://pkgs.example.com/simple/.</translation>
    </message>
    <message>
        <source>The URL %1.</source>
        <translation>Die URL %1.</translation>
    </message>
    <message>
        <source>This URL carries a password. It will not be written to pyproject.toml: the user name and password move to the credentials step, where you can keep them in the keychain.</source>
        <translation>Diese URL enthält ein Passwort. Es wird nicht in pyproject.toml geschrieben: Benutzername und Passwort wandern in den Schritt „Zugangsdaten“, wo Sie sie im Schlüsselbund ablegen können.</translation>
    </message>
    <message>
        <source>Index URL: %1</source>
        <translation>Index-URL: %1</translation>
    </message>
    <message>
        <source>Give the index a name.</source>
        <translation>Geben Sie dem Index einen Namen.</translation>
    </message>
    <message>
        <source>Use only letters, digits, &apos;-&apos;, &apos;_&apos; and &apos;.&apos;.</source>
        <translation>Verwenden Sie nur Buchstaben, Ziffern, „-“, „_“ und „.“.</translation>
    </message>
    <message>
        <source>The project already has an index with this name.</source>
        <translation>Das Projekt hat bereits einen Index mit diesem Namen.</translation>
    </message>
    <message>
        <source>uv takes only the packages pinned to this index from it (you can pin some on a later page). The safest choice for internal packages: nothing else can come from here, and nothing pinned here can come from anywhere else.</source>
        <translation>uv bezieht aus diesem Index nur die an ihn gebundenen Pakete (einige können Sie auf einer späteren Seite binden). Die sicherste Wahl für interne Pakete: Nichts anderes kann von hier kommen, und nichts hier Gebundene kann von anderswo kommen.</translation>
    </message>
    <message>
        <source>This index replaces PyPI: uv asks it last, and never asks PyPI. Use it for a mirror or proxy of PyPI, such as an Artifactory or Nexus remote repository.</source>
        <translation>Dieser Index ersetzt PyPI: uv fragt ihn zuletzt und fragt PyPI nie. Verwenden Sie dies für einen Spiegel oder Proxy von PyPI, etwa ein Remote-Repository in Artifactory oder Nexus.</translation>
    </message>
    <message>
        <source>uv looks for every package here first, then in the indexes below it, then in PyPI. With the default strategy a package found here is never taken from PyPI.</source>
        <translation>uv sucht jedes Paket zuerst hier, dann in den Indizes darunter, dann in PyPI. Mit der Standardstrategie wird ein hier gefundenes Paket nie von PyPI bezogen.</translation>
    </message>
    <message>
        <source>&amp;Enter Credentials…</source>
        <translation>Zugangsdaten &amp;eingeben …</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <source>Private indexes usually need a user name and a password or token. They are kept in the keychain, never in pyproject.toml.</source>
        <translation>Private Indizes brauchen meist einen Benutzernamen und ein Passwort oder Token. Sie werden im Schlüsselbund aufbewahrt, nie in pyproject.toml.</translation>
    </message>
    <message>
        <source>The URL you pasted carried credentials for “%1”. Save them with Enter Credentials… (they are already filled in).</source>
        <translation>Die eingefügte URL enthielt Zugangsdaten für „%1“. Speichern Sie sie mit „Zugangsdaten eingeben …“ (sie sind bereits ausgefüllt).</translation>
    </message>
    <message>
        <source>Looking for credentials…</source>
        <translation>Zugangsdaten werden gesucht …</translation>
    </message>
    <message>
        <source>Saved in the keychain for “%1”.</source>
        <translation>Im Schlüsselbund für „%1“ gespeichert.</translation>
    </message>
    <message>
        <source>Kept for this session for “%1”.</source>
        <translation>Für diese Sitzung für „%1“ aufbewahrt.</translation>
    </message>
    <message>
        <source>Test &amp;Again</source>
        <translation>&amp;Erneut testen</translation>
    </message>
    <message>
        <source>Connection test</source>
        <translation>Verbindungstest</translation>
    </message>
    <message>
        <source>Pindex asks the index for its project list, as uv will.</source>
        <translation>Pindex fragt den Index nach seiner Projektliste, so wie uv es tun wird.</translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation>%1 wird getestet …</translation>
    </message>
    <message>
        <source>✔ The index answers.</source>
        <translation>✔ Der Index antwortet.</translation>
    </message>
    <message>
        <source>API: %1</source>
        <translation>API: %1</translation>
    </message>
    <message>
        <source>Answered in %1 ms%2.</source>
        <translation>Antwort in %1 ms%2.</translation>
    </message>
    <message>
        <source> over HTTP/2</source>
        <translation> über HTTP/2</translation>
    </message>
    <message>
        <source>The credentials work.</source>
        <translation>Die Zugangsdaten funktionieren.</translation>
    </message>
    <message>
        <source>✘ Cannot reach the index: %1</source>
        <translation>✘ Der Index ist nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>✘ The index asks for credentials (HTTP %1). Go back and enter them.</source>
        <translation>✘ Der Index verlangt Zugangsdaten (HTTP %1). Gehen Sie zurück und geben Sie sie ein.</translation>
    </message>
    <message>
        <source>✘ The index rejected the credentials (HTTP %1). Go back and check them.</source>
        <translation>✘ Der Index hat die Zugangsdaten abgelehnt (HTTP %1). Gehen Sie zurück und prüfen Sie sie.</translation>
    </message>
    <message>
        <source>✘ %1</source>
        <translation>✘ %1</translation>
    </message>
    <message>
        <source>You can still add the index and fix this later.</source>
        <translation>Sie können den Index trotzdem hinzufügen und das später beheben.</translation>
    </message>
    <message>
        <source>Pin packages (optional)</source>
        <translation>Pakete binden (optional)</translation>
    </message>
    <message>
        <source>Packages pinned to this index are only ever taken from it, also as dependencies of other packages: a look-alike on PyPI cannot replace them.</source>
        <translation>An diesen Index gebundene Pakete kommen immer nur aus ihm, auch als Abhängigkeiten anderer Pakete: Ein gleichnamiges Paket auf PyPI kann sie nicht ersetzen.</translation>
    </message>
    <message>
        <source>acme-core, acme-utils</source>
        <translation>acme-core, acme-utils</translation>
    </message>
    <message>
        <source>Packages to pin</source>
        <translation>Zu bindende Pakete</translation>
    </message>
    <message>
        <source>acme-*</source>
        <translation>acme-*</translation>
    </message>
    <message>
        <source>Pattern to pin</source>
        <translation>Zu bindendes Muster</translation>
    </message>
    <message>
        <source>&amp;Packages:</source>
        <translation>&amp;Pakete:</translation>
    </message>
    <message>
        <source>P&amp;attern:</source>
        <translation>&amp;Muster:</translation>
    </message>
    <message>
        <source>This index is only used for pinned packages: pin at least the packages you want from it.</source>
        <translation>Dieser Index wird nur für gebundene Pakete verwendet: Binden Sie zumindest die Pakete, die Sie aus ihm beziehen wollen.</translation>
    </message>
    <message>
        <source>Review the change</source>
        <translation>Änderung prüfen</translation>
    </message>
    <message>
        <source>This is exactly what will change in pyproject.toml; every other byte stays as it is.</source>
        <translation>Genau das ändert sich in pyproject.toml; jedes andere Byte bleibt, wie es ist.</translation>
    </message>
    <message>
        <source>&amp;Write pyproject.toml</source>
        <translation>pyproject.toml &amp;schreiben</translation>
    </message>
    <message>
        <source>Changes to pyproject.toml</source>
        <translation>Änderungen an pyproject.toml</translation>
    </message>
    <message>
        <source>pyproject.toml changed on disk since the preview. Review the new preview and write again.</source>
        <translation>pyproject.toml wurde seit der Vorschau auf der Festplatte geändert. Prüfen Sie die neue Vorschau und schreiben Sie erneut.</translation>
    </message>
    <message>
        <source>Changes to %1:</source>
        <translation>Änderungen an %1:</translation>
    </message>
    <message>
        <source>&amp;Lock again now (you see what changes before the lock file is written)</source>
        <translation>Jetzt neu &amp;sperren (Sie sehen die Änderungen, bevor die Lockdatei geschrieben wird)</translation>
    </message>
    <message>
        <source>Index added</source>
        <translation>Index hinzugefügt</translation>
    </message>
    <message>
        <source>“%1” is now in pyproject.toml. The lock file still resolves packages the old way until the project is locked again.</source>
        <translation>„%1“ steht jetzt in pyproject.toml. Die Lockdatei löst Pakete weiter auf die alte Weise auf, bis das Projekt neu gesperrt wird.</translation>
    </message>
    <message>
        <source>Add an Index</source>
        <translation>Index hinzufügen</translation>
    </message>
    <message>
        <source>A flat index directory with 1 distribution file.</source>
        <translation>Ein flaches Indexverzeichnis mit 1 Distributionsdatei.</translation>
    </message>
    <message>
        <source>A flat index directory with %1 distribution files.</source>
        <translation>Ein flaches Indexverzeichnis mit %1 Distributionsdateien.</translation>
    </message>
    <message>
        <source>1 project listed.</source>
        <translation>1 Projekt gelistet.</translation>
    </message>
    <message>
        <source>%1 projects listed.</source>
        <translation>%1 Projekte gelistet.</translation>
    </message>
</context>
<context>
    <name>pindex::ui::ConfusionModel</name>
    <message>
        <source>can be taken from the other index</source>
        <translation>kann aus dem anderen Index bezogen werden</translation>
    </message>
    <message>
        <source>fallback if the intended index drops it</source>
        <translation>Ersatz, falls der vorgesehene Index es nicht mehr führt</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Paket</translation>
    </message>
    <message>
        <source>Meant to come from</source>
        <translation>Soll kommen aus</translation>
    </message>
    <message>
        <source>Also listed on</source>
        <translation>Auch gelistet in</translation>
    </message>
    <message>
        <source>What could happen</source>
        <translation>Was passieren könnte</translation>
    </message>
</context>
<context>
    <name>pindex::ui::ConfusionView</name>
    <message>
        <source>Check &amp;now</source>
        <translation>&amp;Jetzt prüfen</translation>
    </message>
    <message>
        <source>About the selected finding</source>
        <translation>Zum ausgewählten Fund</translation>
    </message>
    <message>
        <source>Dependency-confusion findings</source>
        <translation>Befunde zur Dependency Confusion</translation>
    </message>
    <message>
        <source>Ask every configured index which of the project&apos;s private package names it lists</source>
        <translation>Jeden eingerichteten Index fragen, welche der privaten Paketnamen des Projekts er führt</translation>
    </message>
    <message>
        <source>Checks whether a package meant to come from a private index is also listed on another index that could be used instead. Nothing is sent but package names.</source>
        <translation>Prüft, ob ein Paket, das aus einem privaten Index kommen soll, auch in einem anderen Index gelistet ist, der stattdessen verwendet werden könnte. Es werden nur Paketnamen gesendet.</translation>
    </message>
    <message>
        <source>Checking the indexes…</source>
        <translation>Indizes werden geprüft …</translation>
    </message>
    <message>
        <source>The check could not finish: %1</source>
        <translation>Die Prüfung konnte nicht abgeschlossen werden: %1</translation>
    </message>
    <message>
        <source>No package comes from a private index or is pinned: nothing to check.</source>
        <translation>Kein Paket kommt aus einem privaten Index oder ist gebunden: Es gibt nichts zu prüfen.</translation>
    </message>
    <message>
        <source>Checked %1 package(s), %2 of them pinned: no other index can supply them instead.</source>
        <translation>%1 Paket(e) geprüft, davon %2 gebunden: Kein anderer Index kann sie stattdessen liefern.</translation>
    </message>
    <message numerus="yes">
        <source>Checked %1 package(s), %2 of them pinned. %n name(s) also exist elsewhere; pinning each to its index makes the choice explicit.</source>
        <translation>
            <numerusform>%1 Paket(e) geprüft, davon %2 gebunden. %n Name existiert auch anderswo; ihn an seinen Index zu binden, macht die Wahl eindeutig.</numerusform>
            <numerusform>%1 Paket(e) geprüft, davon %2 gebunden. %n Namen existieren auch anderswo; jeden an seinen Index zu binden, macht die Wahl eindeutig.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Pin %1 to %2</source>
        <translation>%1 an %2 &amp;binden</translation>
    </message>
    <message>
        <source>&amp;Pin to its index</source>
        <translation>An seinen Index &amp;binden</translation>
    </message>
    <message>
        <source>Pin a p&amp;attern</source>
        <translation>&amp;Muster binden</translation>
    </message>
    <message>
        <source>Pin p&amp;attern %1 to %2</source>
        <translation>&amp;Muster %1 an %2 binden</translation>
    </message>
</context>
<context>
    <name>pindex::ui::CredentialPrompt</name>
    <message>
        <source>The index answered HTTP %1: it needs credentials that work.</source>
        <translation>Der Index antwortete mit HTTP %1: Er braucht funktionierende Zugangsdaten.</translation>
    </message>
</context>
<context>
    <name>pindex::ui::CredentialsDialog</name>
    <message>
        <source>Credentials for %1</source>
        <translation>Zugangsdaten für %1</translation>
    </message>
    <message>
        <source>Credentials for index “%1” (%2)</source>
        <translation>Zugangsdaten für den Index „%1“ (%2)</translation>
    </message>
    <message>
        <source>Instead of storing them, you can give the index a name in pyproject.toml and set uv&apos;s UV_INDEX_&lt;NAME&gt;_USERNAME and UV_INDEX_&lt;NAME&gt;_PASSWORD environment variables.</source>
        <translation>Statt sie zu speichern, können Sie dem Index in pyproject.toml einen Namen geben und die Umgebungsvariablen UV_INDEX_&lt;NAME&gt;_USERNAME und UV_INDEX_&lt;NAME&gt;_PASSWORD von uv setzen.</translation>
    </message>
    <message>
        <source>Instead of storing them, you can set the environment variables %1 and %2 (uv reads the same ones).</source>
        <translation>Statt sie zu speichern, können Sie die Umgebungsvariablen %1 und %2 setzen (uv liest dieselben).</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Verbergen</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Enter a password or token.</source>
        <translation>Geben Sie ein Passwort oder Token ein.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert …</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet …</translation>
    </message>
    <message>
        <source>Unreachable: %1</source>
        <translation>Nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>Rejected (HTTP %1)</source>
        <translation>Abgelehnt (HTTP %1)</translation>
    </message>
    <message>
        <source>Authenticated (HTTP %1)</source>
        <translation>Angemeldet (HTTP %1)</translation>
    </message>
    <message>
        <source>Unexpected answer (HTTP %1)</source>
        <translation>Unerwartete Antwort (HTTP %1)</translation>
    </message>
</context>
<context>
    <name>pindex::ui::DependenciesView</name>
    <message>
        <source>Show &amp;transitive</source>
        <translation>&amp;Indirekte anzeigen</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen …</translation>
    </message>
    <message>
        <source>This project has no dependencies yet — use Add to declare one.</source>
        <translation>Dieses Projekt hat noch keine Abhängigkeiten – mit „Hinzufügen“ legen Sie eine an.</translation>
    </message>
    <message>
        <source>Dependencies</source>
        <translation>Abhängigkeiten</translation>
    </message>
    <message>
        <source>Find a package</source>
        <translation>Paket suchen</translation>
    </message>
    <message>
        <source>Find a package (Ctrl+F)</source>
        <translation>Paket suchen (Strg+F)</translation>
    </message>
    <message>
        <source>Also list the packages the lock pulls in indirectly</source>
        <translation>Auch die Pakete zeigen, die die Sperre indirekt mitbringt</translation>
    </message>
    <message>
        <source>Why is this here: the lock does not record who needs it.</source>
        <translation>Warum es hier ist: Die Lockdatei verzeichnet nicht, wer es braucht.</translation>
    </message>
    <message>
        <source>Why is this here: %1</source>
        <translation>Warum es hier ist: %1</translation>
    </message>
    <message>
        <source>Modif&amp;y…</source>
        <translation>&amp;Ändern …</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>Ent&amp;fernen</translation>
    </message>
</context>
<context>
    <name>pindex::ui::DependencyDialog</name>
    <message>
        <source>Add a dependency</source>
        <translation>Abhängigkeit hinzufügen</translation>
    </message>
    <message>
        <source>Requirement</source>
        <translation>Anforderung</translation>
    </message>
    <message>
        <source>e.g. requests&gt;=2.31 or acme-core[cli]~=1.4</source>
        <translation>z. B. requests&gt;=2.31 oder acme-core[cli]~=1.4</translation>
    </message>
    <message>
        <source>Add to</source>
        <translation>Hinzufügen zu</translation>
    </message>
    <message>
        <source>Main dependencies</source>
        <translation>Hauptabhängigkeiten</translation>
    </message>
    <message>
        <source>Extra: %1</source>
        <translation>Extra: %1</translation>
    </message>
    <message>
        <source>Group: %1</source>
        <translation>Gruppe: %1</translation>
    </message>
    <message>
        <source>New extra…</source>
        <translation>Neues Extra …</translation>
    </message>
    <message>
        <source>New dependency group…</source>
        <translation>Neue Abhängigkeitsgruppe …</translation>
    </message>
    <message>
        <source>New extra or group name</source>
        <translation>Name des neuen Extras oder der neuen Gruppe</translation>
    </message>
    <message>
        <source>&amp;Requirement:</source>
        <translation>&amp;Anforderung:</translation>
    </message>
    <message>
        <source>Add &amp;to:</source>
        <translation>Hinzufügen &amp;zu:</translation>
    </message>
    <message>
        <source>Edit a dependency</source>
        <translation>Abhängigkeit bearbeiten</translation>
    </message>
    <message>
        <source>Type a requirement: a package name, optionally with extras, a version range and a marker.</source>
        <translation>Geben Sie eine Anforderung ein: einen Paketnamen, wahlweise mit Extras, einem Versionsbereich und einem Marker.</translation>
    </message>
    <message>
        <source>Name the new extra or group.</source>
        <translation>Benennen Sie das neue Extra oder die neue Gruppe.</translation>
    </message>
</context>
<context>
    <name>pindex::ui::DependencyModel</name>
    <message>
        <source>Main dependencies</source>
        <translation>Hauptabhängigkeiten</translation>
    </message>
    <message>
        <source>Extra: %1</source>
        <translation>Extra: %1</translation>
    </message>
    <message>
        <source>Group: %1</source>
        <translation>Gruppe: %1</translation>
    </message>
    <message>
        <source>(group %1)</source>
        <translation>(Gruppe %1)</translation>
    </message>
    <message>
        <source>includes the dependency group %1</source>
        <translation>schließt die Abhängigkeitsgruppe %1 ein</translation>
    </message>
    <message>
        <source>Transitive packages (from the lock)</source>
        <translation>Indirekte Pakete (aus der Lockdatei)</translation>
    </message>
    <message>
        <source>up to date</source>
        <translation>aktuell</translation>
    </message>
    <message>
        <source>not locked</source>
        <translation>nicht gesperrt</translation>
    </message>
    <message>
        <source>lock is stale</source>
        <translation>Lockdatei veraltet</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>nicht installiert</translation>
    </message>
    <message>
        <source>venv out of sync</source>
        <translation>venv nicht abgeglichen</translation>
    </message>
    <message>
        <source>not for this environment</source>
        <translation>nicht für diese Umgebung</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>From %1 ([tool.uv.sources]); not an index</source>
        <translation>Aus %1 ([tool.uv.sources]); kein Index</translation>
    </message>
    <message>
        <source>Choose the index this package must come from, or automatic</source>
        <translation>Den Index wählen, aus dem dieses Paket kommen muss, oder „automatisch“</translation>
    </message>
    <message>
        <source>Why is this here: %1</source>
        <translation>Warum es hier ist: %1</translation>
    </message>
    <message>
        <source>via %1</source>
        <translation>über %1</translation>
    </message>
    <message>
        <source>source: %1</source>
        <translation>Quelle: %1</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Paket</translation>
    </message>
    <message>
        <source>Requirement</source>
        <translation>Anforderung</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Installiert</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>Index</translation>
    </message>
</context>
<context>
    <name>pindex::ui::EnvironmentModel</name>
    <message>
        <source>in sync</source>
        <translation>abgeglichen</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>nicht installiert</translation>
    </message>
    <message>
        <source>different version</source>
        <translation>andere Version</translation>
    </message>
    <message>
        <source>not in the lock</source>
        <translation>nicht in der Lockdatei</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Paket</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Installiert</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Abgleichen</translation>
    </message>
</context>
<context>
    <name>pindex::ui::EnvironmentView</name>
    <message>
        <source>S&amp;ync</source>
        <translation>&amp;Abgleichen</translation>
    </message>
    <message>
        <source>Installed and locked packages</source>
        <translation>Installierte und gesperrte Pakete</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Fortschritt des Abgleichs</translation>
    </message>
    <message>
        <source>Make the venv match the lock exactly (Ctrl+Shift+S)</source>
        <translation>Die venv genau an die Lockdatei angleichen (Strg+Umschalt+S)</translation>
    </message>
    <message>
        <source>Interpreter:</source>
        <translation>Interpreter:</translation>
    </message>
    <message>
        <source>Virtual environment:</source>
        <translation>Virtuelle Umgebung:</translation>
    </message>
    <message>
        <source>Lock:</source>
        <translation>Lockdatei:</translation>
    </message>
    <message>
        <source>Packages:</source>
        <translation>Pakete:</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>No project open.</source>
        <translation>Kein Projekt geöffnet.</translation>
    </message>
    <message>
        <source>Python %1 (%2)</source>
        <translation>Python %1 (%2)</translation>
    </message>
    <message>
        <source>%1 does not exist yet: Sync creates it.</source>
        <translation>%1 gibt es noch nicht: Der Abgleich legt sie an.</translation>
    </message>
    <message>
        <source>chosen when the venv is created (.python-version, then python3 on PATH)</source>
        <translation>wird beim Anlegen der venv gewählt (.python-version, sonst python3 aus PATH)</translation>
    </message>
    <message>
        <source>No lockfile yet: Lock creates pylock.toml.</source>
        <translation>Noch keine Lockdatei: „Sperren“ erzeugt pylock.toml.</translation>
    </message>
    <message numerus="yes">
        <source>%n package(s), all in sync with the lock</source>
        <translation>
            <numerusform>%n Paket, abgeglichen mit der Lockdatei</numerusform>
            <numerusform>%n Pakete, alle abgeglichen mit der Lockdatei</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing locked or installed yet</source>
        <translation>noch nichts gesperrt oder installiert</translation>
    </message>
    <message>
        <source>%1 in sync, %2 to change</source>
        <translation>%1 abgeglichen, %2 zu ändern</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sync did not finish.&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Der Abgleich wurde nicht abgeschlossen.&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>pindex::ui::IndexModel</name>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>plain text in the URL</source>
        <translation>Klartext in der URL</translation>
    </message>
    <message>
        <source>environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>netrc</source>
        <translation>netrc</translation>
    </message>
    <message>
        <source>keychain</source>
        <translation>Schlüsselbund</translation>
    </message>
    <message>
        <source>this session</source>
        <translation>diese Sitzung</translation>
    </message>
    <message>
        <source>OK · %1 · %2 ms</source>
        <translation>OK · %1 · %2 ms</translation>
    </message>
    <message>
        <source>Unreachable: %1</source>
        <translation>Nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>Needs credentials (HTTP %1)</source>
        <translation>Braucht Zugangsdaten (HTTP %1)</translation>
    </message>
    <message>
        <source>Credentials rejected (HTTP %1)</source>
        <translation>Zugangsdaten abgelehnt (HTTP %1)</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Searched last, instead of PyPI.</source>
        <translation>Wird zuletzt durchsucht, statt PyPI.</translation>
    </message>
    <message>
        <source>Used only for the packages pinned to it.</source>
        <translation>Nur für die an ihn gebundenen Pakete verwendet.</translation>
    </message>
    <message>
        <source>Searched in this order, before the default index.</source>
        <translation>Wird in dieser Reihenfolge durchsucht, vor dem Standardindex.</translation>
    </message>
    <message>
        <source>The password is written in pyproject.toml: move it to the keychain.</source>
        <translation>Das Passwort steht in pyproject.toml: Verschieben Sie es in den Schlüsselbund.</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>explicit</source>
        <translation>explizit</translation>
    </message>
    <message>
        <source>searched</source>
        <translation>durchsucht</translation>
    </message>
    <message>
        <source>⚠ plain text in the URL</source>
        <translation>⚠ Klartext in der URL</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet …</translation>
    </message>
    <message>
        <source>not tested</source>
        <translation>nicht getestet</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Authenticate</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <source>Last test</source>
        <translation>Letzter Test</translation>
    </message>
    <message>
        <source>OK · flat directory · 1 file</source>
        <translation>OK · flaches Verzeichnis · 1 Datei</translation>
    </message>
    <message>
        <source>OK · flat directory · %1 files</source>
        <translation>OK · flaches Verzeichnis · %1 Dateien</translation>
    </message>
</context>
<context>
    <name>pindex::ui::IndexPinDelegate</name>
    <message>
        <source>Index for %1</source>
        <translation>Index für %1</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatisch</translation>
    </message>
</context>
<context>
    <name>pindex::ui::IndexesView</name>
    <message>
        <source>First index that has the package (uv&apos;s default)</source>
        <translation>Erster Index, der das Paket hat (Standard von uv)</translation>
    </message>
    <message>
        <source>Each package comes from the first index, in the order below, that has it at all; the others are not asked. A package on your private index can never be replaced by one of the same name on PyPI. Dependency-confusion risk: low.</source>
        <translation>Jedes Paket kommt aus dem ersten Index in der Reihenfolge unten, der es überhaupt hat; die anderen werden nicht gefragt. Ein Paket in Ihrem privaten Index kann nie durch ein gleichnamiges auf PyPI ersetzt werden. Risiko einer Dependency Confusion: gering.</translation>
    </message>
    <message>
        <source>First index with a matching version</source>
        <translation>Erster Index mit passender Version</translation>
    </message>
    <message>
        <source>Indexes are asked in order until one has a version that fits the requirements. When your private index has no fitting version, a package of the same name from an index further down — PyPI — is used. Dependency-confusion risk: medium; pin internal packages to their index.</source>
        <translation>Die Indizes werden der Reihe nach gefragt, bis einer eine Version hat, die zu den Anforderungen passt. Hat Ihr privater Index keine passende Version, wird ein gleichnamiges Paket aus einem Index weiter unten – PyPI – verwendet. Risiko einer Dependency Confusion: mittel; binden Sie interne Pakete an ihren Index.</translation>
    </message>
    <message>
        <source>Best version from any index</source>
        <translation>Beste Version aus irgendeinem Index</translation>
    </message>
    <message>
        <source>Every index is asked and the highest fitting version wins, wherever it is. Anyone who publishes your internal package&apos;s name on PyPI with a higher version number takes its place. Dependency-confusion risk: high; use it only with every internal package pinned.</source>
        <translation>Alle Indizes werden gefragt, und die höchste passende Version gewinnt, wo auch immer sie liegt. Wer den Namen Ihres internen Pakets mit einer höheren Versionsnummer auf PyPI veröffentlicht, nimmt seinen Platz ein. Risiko einer Dependency Confusion: hoch; nur verwenden, wenn jedes interne Paket gebunden ist.</translation>
    </message>
    <message>
        <source>No indexes yet — packages come from PyPI. Add your private index to use your own packages.</source>
        <translation>Noch keine Indizes – Pakete kommen von PyPI. Fügen Sie Ihren privaten Index hinzu, um Ihre eigenen Pakete zu verwenden.</translation>
    </message>
    <message>
        <source>Your uv.toml defines no indexes.</source>
        <translation>Ihre uv.toml legt keine Indizes fest.</translation>
    </message>
    <message>
        <source>Add &amp;Pattern Pin</source>
        <translation>Muster&amp;bindung hinzufügen</translation>
    </message>
    <message>
        <source>Remo&amp;ve Pattern Pin</source>
        <translation>Musterbindung ent&amp;fernen</translation>
    </message>
    <message>
        <source>&amp;Add Index…</source>
        <translation>Index &amp;hinzufügen …</translation>
    </message>
    <message>
        <source>Add a private index with a provider preset or a URL</source>
        <translation>Einen privaten Index über eine Anbietervorlage oder eine URL hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected index and its pins from pyproject.toml</source>
        <translation>Den gewählten Index und seine Bindungen aus pyproject.toml entfernen</translation>
    </message>
    <message>
        <source>Move &amp;Up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <source>Search this index earlier</source>
        <translation>Diesen Index früher durchsuchen</translation>
    </message>
    <message>
        <source>Move &amp;Down</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <source>Search this index later</source>
        <translation>Diesen Index später durchsuchen</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <source>Check that the selected index answers and the credentials work</source>
        <translation>Prüfen, ob der gewählte Index antwortet und die Zugangsdaten funktionieren</translation>
    </message>
    <message>
        <source>Test A&amp;ll</source>
        <translation>&amp;Alle testen</translation>
    </message>
    <message>
        <source>Test every index</source>
        <translation>Jeden Index testen</translation>
    </message>
    <message>
        <source>&amp;Credentials…</source>
        <translation>&amp;Zugangsdaten …</translation>
    </message>
    <message>
        <source>Enter the user name and password or token of the selected index</source>
        <translation>Benutzernamen und Passwort oder Token des gewählten Index eingeben</translation>
    </message>
    <message>
        <source>Indexes</source>
        <translation>Indizes</translation>
    </message>
    <message>
        <source>Indexes from your uv.toml</source>
        <translation>Indizes aus Ihrer uv.toml</translation>
    </message>
    <message>
        <source>Index strategy</source>
        <translation>Indexstrategie</translation>
    </message>
    <message>
        <source>When a package is on more than one index</source>
        <translation>Wenn ein Paket in mehr als einem Index liegt</translation>
    </message>
    <message>
        <source>&amp;Strategy:</source>
        <translation>&amp;Strategie:</translation>
    </message>
    <message>
        <source>Pattern pins</source>
        <translation>Musterbindungen</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>Muster</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>Index</translation>
    </message>
    <message>
        <source>acme-*</source>
        <translation>acme-*</translation>
    </message>
    <message>
        <source>New pattern</source>
        <translation>Neues Muster</translation>
    </message>
    <message>
        <source>Index for the new pattern</source>
        <translation>Index für das neue Muster</translation>
    </message>
    <message>
        <source>Pattern pins: whole families of packages from one index</source>
        <translation>Musterbindungen: ganze Paketfamilien aus einem Index</translation>
    </message>
    <message>
        <source>From your user settings (%1), searched after the project&apos;s indexes:</source>
        <translation>Aus Ihren Benutzereinstellungen (%1), durchsucht nach den Indizes des Projekts:</translation>
    </message>
    <message>
        <source>(Not set in pyproject.toml: uv uses this one.)</source>
        <translation>(Nicht in pyproject.toml festgelegt: uv verwendet diese.)</translation>
    </message>
    <message>
        <source>Remove Index</source>
        <translation>Index entfernen</translation>
    </message>
    <message>
        <source>Remove the index “%1” from pyproject.toml? Packages pinned to it will be unpinned.</source>
        <translation>Den Index „%1“ aus pyproject.toml entfernen? An ihn gebundene Pakete werden gelöst.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Keep passwords out of pyproject.toml: enter the URL without them and use Credentials… instead.</source>
        <translation>Halten Sie Passwörter aus pyproject.toml heraus: Geben Sie die URL ohne sie ein und verwenden Sie stattdessen „Zugangsdaten …“.</translation>
    </message>
</context>
<context>
    <name>pindex::ui::LockDiffModel</name>
    <message>
        <source>added</source>
        <translation>hinzugefügt</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <source>upgraded</source>
        <translation>aktualisiert</translation>
    </message>
    <message>
        <source>downgraded</source>
        <translation>herabgestuft</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Paket</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versionen</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>Index</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Hinweise</translation>
    </message>
</context>
<context>
    <name>pindex::ui::LockfileView</name>
    <message>
        <source>&lt;i&gt;not in the lock&lt;/i&gt;</source>
        <translation>&lt;i&gt;nicht in der Lockdatei&lt;/i&gt;</translation>
    </message>
    <message>
        <source>source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>depends on</source>
        <translation>hängt ab von</translation>
    </message>
    <message>
        <source>Com&amp;pare</source>
        <translation>&amp;Vergleichen</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>Vergleichen mit</translation>
    </message>
    <message>
        <source>Filter by package, kind, flag or index</source>
        <translation>Nach Paket, Art, Hinweis oder Index filtern</translation>
    </message>
    <message>
        <source>Filter the changes</source>
        <translation>Änderungen filtern</translation>
    </message>
    <message>
        <source>Lockfile changes</source>
        <translation>Änderungen der Lockdatei</translation>
    </message>
    <message>
        <source>Change details</source>
        <translation>Einzelheiten der Änderung</translation>
    </message>
    <message>
        <source>Compare with:</source>
        <translation>Vergleichen mit:</translation>
    </message>
    <message>
        <source>Open a project to see what its lockfile changed.</source>
        <translation>Öffnen Sie ein Projekt, um zu sehen, was sich an seiner Lockdatei geändert hat.</translation>
    </message>
    <message>
        <source>No lockfile yet. Lock the project to see what it resolves to.</source>
        <translation>Noch keine Lockdatei. Sperren Sie das Projekt, um zu sehen, wozu es aufgelöst wird.</translation>
    </message>
    <message>
        <source>No lockfile to compare.</source>
        <translation>Keine Lockdatei zum Vergleichen.</translation>
    </message>
    <message>
        <source>Comparing %1 with %2…</source>
        <translation>%1 wird mit %2 verglichen …</translation>
    </message>
    <message>
        <source>No changes between %1 and %2.</source>
        <translation>Keine Änderungen zwischen %1 und %2.</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>&lt;p&gt;Select a change to see its details.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Wählen Sie eine Änderung, um ihre Einzelheiten zu sehen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Why it is here:</source>
        <translation>Warum es hier ist:</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
    <message>
        <source>Choose &amp;file…</source>
        <translation>&amp;Datei wählen …</translation>
    </message>
    <message>
        <source>A git revision (HEAD, a branch, a tag, a commit, HEAD~3), two revisions (main..HEAD, or main...HEAD from where they diverged), or the path of another lockfile</source>
        <translation>Eine Git-Revision (HEAD, ein Branch, ein Tag, ein Commit, HEAD~3), zwei Revisionen (main..HEAD, oder main...HEAD ab dem Punkt, an dem sie sich getrennt haben) oder der Pfad einer anderen Lockdatei</translation>
    </message>
    <message>
        <source>Compare the project&apos;s lockfile with any lockfile on disk</source>
        <translation>Die Lockdatei des Projekts mit einer beliebigen Lockdatei auf der Festplatte vergleichen</translation>
    </message>
    <message>
        <source>Compare with a lockfile</source>
        <translation>Mit einer Lockdatei vergleichen</translation>
    </message>
    <message>
        <source>Lockfiles (pylock.toml pylock.*.toml uv.lock poetry.lock *.txt);;All files (*)</source>
        <translation>Lockdateien (pylock.toml pylock.*.toml uv.lock poetry.lock *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Comparing %1 between %2…</source>
        <translation>%1 wird zwischen %2 verglichen …</translation>
    </message>
</context>
<context>
    <name>pindex::ui::MainWindow</name>
    <message>
        <source>No indexes yet: packages come from PyPI. Add a private index to use your own.</source>
        <translation>Noch keine Indizes: Pakete kommen von PyPI. Fügen Sie einen privaten Index hinzu, um Ihre eigenen zu verwenden.</translation>
    </message>
    <message>
        <source>Pindex</source>
        <translation>Pindex</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>Projekte</translation>
    </message>
    <message>
        <source>&amp;Dependencies</source>
        <translation>&amp;Abhängigkeiten</translation>
    </message>
    <message>
        <source>&amp;Indexes</source>
        <translation>&amp;Indizes</translation>
    </message>
    <message>
        <source>&amp;Lockfile</source>
        <translation>&amp;Lockdatei</translation>
    </message>
    <message>
        <source>&amp;Environment</source>
        <translation>&amp;Umgebung</translation>
    </message>
    <message>
        <source>&amp;Confusion check</source>
        <translation>Verwechslungs&amp;prüfung</translation>
    </message>
    <message>
        <source>Open a project folder (Ctrl+O) or drop one on the window to begin.</source>
        <translation>Öffnen Sie zu Beginn einen Projektordner (Strg+O) oder ziehen Sie einen auf das Fenster.</translation>
    </message>
    <message>
        <source>Pinned %1 to %2.</source>
        <translation>%1 an %2 gebunden.</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>&amp;Open Project…</source>
        <translation>Projekt ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>Open a folder holding pyproject.toml (Ctrl+O)</source>
        <translation>Einen Ordner mit pyproject.toml öffnen (Strg+O)</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Sperren</translation>
    </message>
    <message>
        <source>Resolve again and review the changes before pylock.toml is written (Ctrl+L)</source>
        <translation>Neu auflösen und die Änderungen prüfen, bevor pylock.toml geschrieben wird (Strg+L)</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>A&amp;bgleichen</translation>
    </message>
    <message>
        <source>Make the project&apos;s .venv match the lock exactly (Ctrl+Shift+S)</source>
        <translation>Die .venv des Projekts genau an die Lockdatei angleichen (Strg+Umschalt+S)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>Abb&amp;rechen</translation>
    </message>
    <message>
        <source>&amp;Find Package</source>
        <translation>Paket &amp;suchen</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Neu laden</translation>
    </message>
    <message>
        <source>&amp;Remove from List</source>
        <translation>Aus der Liste &amp;entfernen</translation>
    </message>
    <message>
        <source>Go to &amp;Projects</source>
        <translation>Zu den &amp;Projekten</translation>
    </message>
    <message>
        <source>Open a Python project</source>
        <translation>Ein Python-Projekt öffnen</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 wird geladen …</translation>
    </message>
    <message>
        <source>%1 — Pindex</source>
        <translation>%1 – Pindex</translation>
    </message>
    <message>
        <source>1 dependency</source>
        <translation>1 Abhängigkeit</translation>
    </message>
    <message>
        <source>%1 dependencies</source>
        <translation>%1 Abhängigkeiten</translation>
    </message>
    <message>
        <source>1 index</source>
        <translation>1 Index</translation>
    </message>
    <message>
        <source>%1 indexes</source>
        <translation>%1 Indizes</translation>
    </message>
    <message>
        <source>not locked</source>
        <translation>nicht gesperrt</translation>
    </message>
    <message>
        <source>lock stale</source>
        <translation>Lockdatei veraltet</translation>
    </message>
    <message>
        <source>venv out of sync</source>
        <translation>venv nicht abgeglichen</translation>
    </message>
    <message>
        <source>no credentials for %1</source>
        <translation>keine Zugangsdaten für %1</translation>
    </message>
    <message>
        <source>No project is open.</source>
        <translation>Es ist kein Projekt geöffnet.</translation>
    </message>
    <message>
        <source>pyproject.toml was not changed</source>
        <translation>pyproject.toml wurde nicht geändert</translation>
    </message>
    <message>
        <source>%1 now comes from any index (automatic).</source>
        <translation>%1 kommt jetzt aus einem beliebigen Index (automatisch).</translation>
    </message>
    <message>
        <source>Added %1.</source>
        <translation>%1 hinzugefügt.</translation>
    </message>
    <message>
        <source>Changed %1.</source>
        <translation>%1 geändert.</translation>
    </message>
    <message>
        <source>Remove a dependency</source>
        <translation>Abhängigkeit entfernen</translation>
    </message>
    <message>
        <source>Remove %1 from pyproject.toml? The lock changes at the next Lock.</source>
        <translation>%1 aus pyproject.toml entfernen? Die Lockdatei ändert sich beim nächsten Sperren.</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>%1 entfernt.</translation>
    </message>
    <message>
        <source>Removed %1 from the list; its files are untouched.</source>
        <translation>%1 aus der Liste entfernt; seine Dateien bleiben unberührt.</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>Cache, parallel downloads, default index strategy, language</source>
        <translation>Zwischenspeicher, parallele Downloads, Standard-Indexstrategie, Sprache</translation>
    </message>
</context>
<context>
    <name>pindex::ui::PlainTextBanner</name>
    <message>
        <source>%1:%2:%3: the index URL %4 holds a password in plain text; anyone who can read the project can read it.</source>
        <translation>%1:%2:%3: Die Index-URL %4 enthält ein Passwort im Klartext; wer das Projekt lesen kann, kann es lesen.</translation>
    </message>
    <message>
        <source>Move to keychain</source>
        <translation>In den Schlüsselbund verschieben</translation>
    </message>
</context>
<context>
    <name>pindex::ui::ProjectJobs</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Stop the running job (Esc)</source>
        <translation>Den laufenden Vorgang anhalten (Esc)</translation>
    </message>
    <message>
        <source>Waiting for credentials…</source>
        <translation>Warten auf Zugangsdaten …</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen …</translation>
    </message>
    <message>
        <source>Locking…</source>
        <translation>Wird gesperrt …</translation>
    </message>
    <message>
        <source>Locking was cancelled; nothing was written.</source>
        <translation>Das Sperren wurde abgebrochen; es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>Locking failed.</source>
        <translation>Das Sperren ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>There is no set of versions that satisfies the project&apos;s requirements:</source>
        <translation>Es gibt keine Auswahl von Versionen, die die Anforderungen des Projekts erfüllt:</translation>
    </message>
    <message numerus="yes">
        <source>Resolved %n package(s): review the changes.</source>
        <translation>
            <numerusform>%n Paket aufgelöst: Prüfen Sie die Änderungen.</numerusform>
            <numerusform>%n Pakete aufgelöst: Prüfen Sie die Änderungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>pylock.toml was not written</source>
        <translation>pylock.toml wurde nicht geschrieben</translation>
    </message>
    <message>
        <source>Wrote pylock.toml.</source>
        <translation>pylock.toml geschrieben.</translation>
    </message>
    <message>
        <source>The new lock was discarded; pylock.toml is unchanged.</source>
        <translation>Die neue Lockdatei wurde verworfen; pylock.toml ist unverändert.</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Wird abgeglichen …</translation>
    </message>
    <message>
        <source>Sync failed; the venv was not changed.</source>
        <translation>Der Abgleich ist fehlgeschlagen; die venv wurde nicht verändert.</translation>
    </message>
    <message>
        <source>Synced: %1</source>
        <translation>Abgeglichen: %1</translation>
    </message>
    <message>
        <source>Sync did not finish.</source>
        <translation>Der Abgleich wurde nicht abgeschlossen.</translation>
    </message>
</context>
<context>
    <name>pindex::ui::ProjectListModel</name>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>pindex::ui::RelockPreview</name>
    <message>
        <source>&amp;Write pylock.toml</source>
        <translation>pylock.toml &amp;schreiben</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>Re-lock: review the changes</source>
        <translation>Neu sperren: Änderungen prüfen</translation>
    </message>
    <message>
        <source>Changes the new lock makes</source>
        <translation>Änderungen durch die neue Lockdatei</translation>
    </message>
    <message>
        <source>Why there is no solution</source>
        <translation>Warum es keine Lösung gibt</translation>
    </message>
    <message numerus="yes">
        <source>The lock is up to date: resolving again gives the same %n package(s).</source>
        <translation>
            <numerusform>Die Lockdatei ist aktuell: Neues Auflösen ergibt dasselbe %n Paket.</numerusform>
            <numerusform>Die Lockdatei ist aktuell: Neues Auflösen ergibt dieselben %n Pakete.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message numerus="yes">
        <source>There is no lock yet. The new pylock.toml holds %n package(s).</source>
        <translation>
            <numerusform>Es gibt noch keine Lockdatei. Die neue pylock.toml enthält %n Paket.</numerusform>
            <numerusform>Es gibt noch keine Lockdatei. Die neue pylock.toml enthält %n Pakete.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Same packages and versions; only the file&apos;s text changes (%n package(s)).</source>
        <translation>
            <numerusform>Gleiche Pakete und Versionen; nur der Text der Datei ändert sich (%n Paket).</numerusform>
            <numerusform>Gleiche Pakete und Versionen; nur der Text der Datei ändert sich (%n Pakete).</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 added, %2 removed, %3 upgraded, %4 downgraded, %5 changed. Review them, then write the new pylock.toml or discard it.</source>
        <translation>%1 hinzugefügt, %2 entfernt, %3 aktualisiert, %4 herabgestuft, %5 geändert. Prüfen Sie sie und schreiben oder verwerfen Sie dann die neue pylock.toml.</translation>
    </message>
    <message>
        <source>Re-lock: no solution</source>
        <translation>Neu sperren: keine Lösung</translation>
    </message>
</context>
<context>
    <name>pindex::ui::SettingsDialog</name>
    <message>
        <source>First index that has the package (uv&apos;s default, safest)</source>
        <translation>Erster Index, der das Paket hat (Standard von uv, am sichersten)</translation>
    </message>
    <message>
        <source>First index with a matching version (unsafe)</source>
        <translation>Erster Index mit passender Version (unsicher)</translation>
    </message>
    <message>
        <source>Best version from any index (unsafe)</source>
        <translation>Beste Version aus irgendeinem Index (unsicher)</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>Sprache des Systems</translation>
    </message>
    <message>
        <source>Cache location</source>
        <translation>Ort des Zwischenspeichers</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>Wird gemessen …</translation>
    </message>
    <message>
        <source>Empty</source>
        <translation>Leer</translation>
    </message>
    <message>
        <source>Delete everything in %1? Pindex downloads what it needs again.</source>
        <translation>Alles in %1 löschen? Pindex lädt das Benötigte erneut herunter.</translation>
    </message>
    <message>
        <source>Clearing…</source>
        <translation>Wird geleert …</translation>
    </message>
    <message>
        <source>%1 in 1 file</source>
        <translation>%1 in 1 Datei</translation>
    </message>
    <message>
        <source>%1 in %2 files</source>
        <translation>%1 in %2 Dateien</translation>
    </message>
</context>
</TS>
