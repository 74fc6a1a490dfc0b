#pragma once

// The pages of the add-index wizard (internal to ui/dialogs): each reads and fills the wizard's
// Draft. Where the address comes from (add_index_wizard_address.cpp: a preset with its blanks or
// a URL, then the name and role), how Pindex gets in (add_index_wizard_access.cpp: credentials
// and the live connection test), and what gets written (add_index_wizard_finish.cpp: pins, the
// preview of the pyproject.toml change, and the offer to lock again).

#include <functional>

#include <QWizardPage>

#include "core/util/error.h"

namespace pindex::ui {

class AddIndexWizard;

namespace wizard_steps {

[[nodiscard]] QWizardPage* newSourceStep(AddIndexWizard* wizard);
[[nodiscard]] QWizardPage* newDetailsStep(AddIndexWizard* wizard);
[[nodiscard]] QWizardPage* newCredentialsStep(AddIndexWizard* wizard);
[[nodiscard]] QWizardPage* newTestStep(AddIndexWizard* wizard);
// `prepare` builds the changed document from the file as it is now; `write` saves it.
[[nodiscard]] QWizardPage* newPinsStep(AddIndexWizard* wizard, std::function<Status()> prepare);
[[nodiscard]] QWizardPage* newPreviewStep(AddIndexWizard* wizard, std::function<Status()> prepare,
                                          std::function<Status()> write);
[[nodiscard]] QWizardPage* newDoneStep(AddIndexWizard* wizard);
// Whether `page` is the last page with "lock again" checked.
[[nodiscard]] bool relockChosen(const QWizardPage* page);

} // namespace wizard_steps
} // namespace pindex::ui
