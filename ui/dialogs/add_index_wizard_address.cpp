// The add-index wizard's first pages: a provider preset with its named blanks or a pasted URL
// (credentials in it move to the next steps), then the index's name and role.

#include <algorithm>
#include <array>

#include <QCheckBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

#include "core/auth/index_url.h"
#include "core/index/index_presets.h"
#include "core/index/url.h"
#include "core/project/pyproject.h"
#include "ui/dialogs/add_index_wizard.h"
#include "ui/dialogs/add_index_wizard_steps.h"
#include "ui/qt_text.h"
#include "ui_add_index_details_page.h"
#include "ui_add_index_source_page.h"

namespace pindex::ui::wizard_steps {
namespace {

QString fieldLabel(const index::PresetField& field)
{
    // The labels people read, translated; the keys are the template's blanks.
    const std::string& key = field.key;
    if (key == "host")
        return AddIndexWizard::tr("Server:");
    if (key == "server")
        return AddIndexWizard::tr("Server URL:");
    if (key == "repository")
        return field.label == "Repository key" ? AddIndexWizard::tr("Repository key:")
                                               : AddIndexWizard::tr("Repository:");
    if (key == "organization")
        return AddIndexWizard::tr("Organization:");
    if (key == "project")
        return field.label == "Project ID" ? AddIndexWizard::tr("Project ID:")
                                           : AddIndexWizard::tr("Project:");
    if (key == "feed")
        return AddIndexWizard::tr("Feed:");
    if (key == "domain")
        return AddIndexWizard::tr("Domain:");
    if (key == "account")
        return AddIndexWizard::tr("AWS account ID:");
    if (key == "region")
        return AddIndexWizard::tr("Region:");
    if (key == "group")
        return AddIndexWizard::tr("Group ID:");
    if (key == "location")
        return AddIndexWizard::tr("Location:");
    if (key == "user")
        return AddIndexWizard::tr("User:");
    if (key == "index")
        return AddIndexWizard::tr("Index:");
    return toQString(field.label) + QLatin1Char(':');
}

QString describeProblem(index::FieldProblem problem)
{
    using P = index::FieldProblem;
    switch (problem) {
    case P::None: return {};
    case P::Empty: return AddIndexWizard::tr("is still empty");
    case P::HasCredentials: return AddIndexWizard::tr("must not contain a user name or password");
    case P::NotAHost:
        return AddIndexWizard::tr("is not a host name (like pkgs.example.com or pkgs.example.com:8443)");
    case P::NotAUrl: return AddIndexWizard::tr("must start with https:// or http://");
    case P::HasSlash: return AddIndexWizard::tr("must not contain '/'");
    case P::BadCharacter: return AddIndexWizard::tr("contains a character that cannot appear in a URL");
    case P::NotDigits: return AddIndexWizard::tr("must be digits only");
    case P::NotLowerCase: return AddIndexWizard::tr("must be lower case");
    }
    return {};
}

// ---------------------------------------------------------------------------------------------
class SourceStep final : public QWizardPage
{
    Q_DECLARE_TR_FUNCTIONS(pindex::ui::AddIndexWizard)

public:
    explicit SourceStep(AddIndexWizard* wizard)
        : m_wizard(wizard)
        , m_ui(std::make_unique<::Ui::AddIndexSourcePage>())
    {
        m_ui->setupUi(this);
        setObjectName(QStringLiteral("sourcePage"));
        for (const auto& preset : index::indexPresets())
            m_ui->presetCombo->addItem(toQString(preset.displayName), toQString(preset.id));
        connect(m_ui->presetCombo, &QComboBox::currentIndexChanged, this, [this] { rebuildFields(); });
        connect(m_ui->presetRadio, &QRadioButton::toggled, this, [this] { update(); });
        connect(m_ui->urlEdit, &QLineEdit::textChanged, this, [this] {
            if (!m_ui->urlEdit->text().isEmpty())
                m_ui->urlRadio->setChecked(true);
            update();
        });
        connect(m_ui->flatCheck, &QCheckBox::toggled, this, [this] { update(); });
        rebuildFields();
    }

    [[nodiscard]] bool isComplete() const override { return m_valid; }

    bool validatePage() override
    {
        update();
        if (!m_valid)
            return false;
        auto& draft = m_wizard->mutableDraft();
        draft.url = m_url;
        draft.flat = m_ui->urlRadio->isChecked() && m_ui->flatCheck->isChecked();
        draft.pastedCredentials = m_pasted;
        return true;
    }

private:
    [[nodiscard]] const index::IndexPreset* preset() const
    {
        return index::findIndexPreset(toStdString(m_ui->presetCombo->currentData().toString()));
    }

    void rebuildFields()
    {
        auto* layout = m_ui->presetFieldsLayout;
        while (layout->rowCount() > 0)
            layout->removeRow(0);
        m_fields.clear();
        if (const auto* current = preset()) {
            for (const auto& field : current->fields) {
                auto* edit = new QLineEdit(m_ui->presetFields);
                edit->setObjectName(QStringLiteral("presetField_") + toQString(field.key));
                edit->setPlaceholderText(toQString(field.example));
                edit->setAccessibleName(fieldLabel(field));
                connect(edit, &QLineEdit::textEdited, this, [this] {
                    m_ui->presetRadio->setChecked(true);
                    update();
                });
                layout->addRow(fieldLabel(field), edit);
                m_fields.push_back(edit);
            }
        }
        update();
    }

    void update()
    {
        m_valid = false;
        m_pasted.reset();
        m_url.clear();
        m_ui->credentialsNoteLabel->clear();
        m_ui->flatCheck->setEnabled(m_ui->urlRadio->isChecked());
        if (m_ui->presetRadio->isChecked())
            updateFromPreset();
        else
            updateFromUrl();
        Q_EMIT completeChanged();
    }

    void updateFromPreset()
    {
        const auto* current = preset();
        if (current == nullptr)
            return;
        std::map<std::string, std::string> values;
        QStringList problems;
        for (std::size_t i = 0; i < current->fields.size() && i < m_fields.size(); ++i) {
            const auto& field = current->fields[i];
            const auto checked = index::checkPresetField(field, toStdString(m_fields[i]->text()));
            if (checked.problem != index::FieldProblem::None && checked.problem != index::FieldProblem::Empty)
                problems << tr("%1 %2").arg(fieldLabel(field).chopped(1), describeProblem(checked.problem));
            values[field.key] = checked.value;
        }
        const auto filled = index::fillPreset(*current, values);
        if (!problems.isEmpty()) {
            m_ui->resultLabel->setText(problems.join(QLatin1Char('\n')));
            return;
        }
        if (!filled) {
            m_ui->resultLabel->setText(
                tr("Fill in the blanks. The user name is %1; the password is %2.")
                    .arg(toQString(current->usernameHint), toQString(current->passwordHint)));
            return;
        }
        m_url = *filled;
        m_valid = true;
        m_ui->resultLabel->setText(
            tr("Index URL: %1\nUser name: %2; password: %3.")
                .arg(toQString(m_url), toQString(current->usernameHint), toQString(current->passwordHint)));
    }

    void updateFromUrl()
    {
        const std::string text = toStdString(m_ui->urlEdit->text().trimmed());
        if (text.empty()) {
            m_ui->resultLabel->setText(
                tr("Paste the index URL, for example https://pkgs.example.com/simple/."));
            return;
        }
        const auto split = index::splitUrlCredentials(text);
        const bool flat = m_ui->flatCheck->isChecked();
        const bool local = flat && (split.url.starts_with("file://") || split.url.starts_with('/'));
        if (!local) {
            index::PresetField field{"url", "URL", "", index::PresetField::Kind::BaseUrl};
            const auto checked = index::checkPresetField(field, split.url);
            if (checked.problem != index::FieldProblem::None) {
                m_ui->resultLabel->setText(tr("The URL %1.").arg(describeProblem(checked.problem)));
                return;
            }
        }
        m_url = local ? split.url : index::withTrailingSlash(split.url);
        if (split.credentials && !split.credentials->password.empty()) {
            m_pasted = split.credentials;
            m_ui->credentialsNoteLabel->setText(
                tr("This URL carries a password. It will not be written to pyproject.toml: the user name "
                   "and password move to the credentials step, where you can keep them in the keychain."));
        } else if (split.credentials) {
            m_pasted = split.credentials;
        }
        m_valid = true;
        m_ui->resultLabel->setText(tr("Index URL: %1").arg(toQString(m_url)));
    }

    AddIndexWizard* m_wizard;
    std::unique_ptr<::Ui::AddIndexSourcePage> m_ui;
    std::vector<QLineEdit*> m_fields;
    std::string m_url;
    std::optional<auth::Credentials> m_pasted;
    bool m_valid = false;
};

// ---------------------------------------------------------------------------------------------
class DetailsStep final : public QWizardPage
{
    Q_DECLARE_TR_FUNCTIONS(pindex::ui::AddIndexWizard)

public:
    explicit DetailsStep(AddIndexWizard* wizard)
        : m_wizard(wizard)
        , m_ui(std::make_unique<::Ui::AddIndexDetailsPage>())
    {
        m_ui->setupUi(this);
        setObjectName(QStringLiteral("detailsPage"));
        connect(m_ui->nameEdit, &QLineEdit::textChanged, this, [this] { Q_EMIT completeChanged(); });
        for (auto* radio : {m_ui->searchedRadio, m_ui->explicitRadio, m_ui->defaultRadio})
            connect(radio, &QRadioButton::toggled, this, [this] { explainRole(); });
        explainRole();
    }

    void initializePage() override
    {
        const auto& draft = m_wizard->draft();
        m_ui->nameEdit->setText(toQString(index::suggestIndexName(draft.url, m_wizard->takenNames())));
    }

    [[nodiscard]] bool isComplete() const override
    {
        const std::string name = toStdString(m_ui->nameEdit->text().trimmed());
        QString problem;
        if (name.empty())
            problem = tr("Give the index a name.");
        else if (!project::isValidIndexName(name))
            problem = tr("Use only letters, digits, '-', '_' and '.'.");
        else if (std::ranges::find(m_wizard->takenNames(), name) != m_wizard->takenNames().end())
            problem = tr("The project already has an index with this name.");
        m_ui->nameProblemLabel->setText(problem);
        return problem.isEmpty();
    }

    bool validatePage() override
    {
        auto& draft = m_wizard->mutableDraft();
        draft.name = toStdString(m_ui->nameEdit->text().trimmed());
        draft.role = m_ui->defaultRadio->isChecked()    ? AddIndexWizard::IndexRole::Default
                     : m_ui->explicitRadio->isChecked() ? AddIndexWizard::IndexRole::Explicit
                                                        : AddIndexWizard::IndexRole::Searched;
        static constexpr std::array kModes = {"auto", "always", "never"};
        draft.authenticate =
            kModes[static_cast<std::size_t>(std::clamp(m_ui->authenticateCombo->currentIndex(), 0, 2))];
        return true;
    }

private:
    void explainRole()
    {
        if (m_ui->explicitRadio->isChecked())
            m_ui->roleExplanationLabel->setText(
                tr("uv takes only the packages pinned to this index from it (you can pin some on a later "
                   "page). The safest choice for internal packages: nothing else can come from here, and "
                   "nothing pinned here can come from anywhere else."));
        else if (m_ui->defaultRadio->isChecked())
            m_ui->roleExplanationLabel->setText(
                tr("This index replaces PyPI: uv asks it last, and never asks PyPI. Use it for a mirror "
                   "or proxy of PyPI, such as an Artifactory or Nexus remote repository."));
        else
            m_ui->roleExplanationLabel->setText(
                tr("uv looks for every package here first, then in the indexes below it, then in PyPI. "
                   "With the default strategy a package found here is never taken from PyPI."));
    }

    AddIndexWizard* m_wizard;
    std::unique_ptr<::Ui::AddIndexDetailsPage> m_ui;
};

} // namespace

QWizardPage* newSourceStep(AddIndexWizard* wizard)
{
    return new SourceStep(wizard);
}

QWizardPage* newDetailsStep(AddIndexWizard* wizard)
{
    return new DetailsStep(wizard);
}

} // namespace pindex::ui::wizard_steps
