//! Contact and company rules against the in-memory fake of the port.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::sync::Arc;

use crm_contacts::fakes::InMemoryContacts;
use crm_contacts::{
    CompanyFilter, CompanyInput, ContactError, ContactFilter, ContactInput, ContactService, DuplicateReason,
};
use crm_kernel::{Actor, FixedClock, Limit, ListSort, Patch, Resource, Role, Scope, UserId, WorkspaceId};
use time::macros::datetime;

struct World {
    service: ContactService,
    store: Arc<InMemoryContacts>,
    owner: Scope,
}

fn world() -> World {
    let store = Arc::new(InMemoryContacts::default());
    let owner = Scope::for_test(WorkspaceId::new(), Actor::User { id: UserId::new(), role: Role::Owner });
    let clock = Arc::new(FixedClock::at(datetime!(2026-11-25 12:00 UTC)));
    World { service: ContactService::new(store.clone(), clock), store, owner }
}

fn as_role(scope: &Scope, role: Role) -> Scope {
    Scope::for_test(scope.workspace(), Actor::User { id: UserId::new(), role })
}

fn elsewhere() -> Scope {
    Scope::for_test(WorkspaceId::new(), Actor::User { id: UserId::new(), role: Role::Owner })
}

fn person(name: &str, email: &str) -> ContactInput {
    ContactInput { name: Some(name.into()), email: Patch::Set(email.into()), ..ContactInput::default() }
}

fn company(name: &str, domain: Option<&str>) -> CompanyInput {
    CompanyInput {
        name: Some(name.into()),
        domain: domain.map_or(Patch::Keep, |d| Patch::Set(d.into())),
        ..CompanyInput::default()
    }
}

#[tokio::test]
async fn a_contact_email_is_taken_once_per_workspace_whatever_its_case() {
    let w = world();
    let ada = w.service.create_contact(&w.owner, person("Ada", "ada@engines.test")).await.expect("first");

    let again = w.service.create_contact(&w.owner, person("Ada Again", "ADA@Engines.test")).await;

    match again {
        Err(ContactError::EmailTaken { id, name }) => {
            assert_eq!(id, ada.contact.id);
            assert_eq!(name, "Ada");
        }
        other => panic!("expected EmailTaken, got {other:?}"),
    }
}

#[tokio::test]
async fn the_same_email_is_free_in_another_workspace() {
    let w = world();
    w.service.create_contact(&w.owner, person("Ada", "ada@engines.test")).await.expect("first");

    let there = w.service.create_contact(&elsewhere(), person("Ada", "ada@engines.test")).await;

    assert!(there.is_ok(), "{there:?}");
}

#[tokio::test]
async fn changing_a_contact_to_a_taken_email_is_refused() {
    let w = world();
    let ada = w.service.create_contact(&w.owner, person("Ada", "ada@engines.test")).await.expect("ada");
    let bob = w.service.create_contact(&w.owner, person("Bob", "bob@engines.test")).await.expect("bob");

    let change = ContactInput { email: Patch::Set("ada@engines.test".into()), ..ContactInput::default() };
    let result = w.service.update_contact(&w.owner, bob.contact.id, change).await;

    assert!(matches!(result, Err(ContactError::EmailTaken { id, .. }) if id == ada.contact.id), "{result:?}");
}

#[tokio::test]
async fn a_company_with_the_same_domain_is_a_possible_duplicate() {
    let w = world();
    let acme = w.service.create_company(&w.owner, company("Acme", Some("acme.com")), false).await.expect("acme");

    let twin = w.service.create_company(&w.owner, company("Road Runner Supplies", Some("www.ACME.com")), false).await;

    match twin {
        Err(ContactError::PossibleDuplicates(found)) => {
            assert_eq!(found.len(), 1);
            assert_eq!(found[0].company.id, acme.id);
            assert_eq!(found[0].reason, DuplicateReason::Domain);
        }
        other => panic!("expected PossibleDuplicates, got {other:?}"),
    }
}

#[tokio::test]
async fn a_company_with_the_same_name_key_is_a_possible_duplicate() {
    let w = world();
    let acme = w.service.create_company(&w.owner, company("Acme, Inc.", None), false).await.expect("acme");

    let twin = w.service.create_company(&w.owner, company("ACME", None), false).await;

    match twin {
        Err(ContactError::PossibleDuplicates(found)) => {
            let found: Vec<_> = found.iter().map(|d| (d.company.id, d.reason)).collect();
            assert_eq!(found, [(acme.id, DuplicateReason::Name)]);
        }
        other => panic!("expected PossibleDuplicates, got {other:?}"),
    }
}

#[tokio::test]
async fn confirm_duplicate_creates_the_twin_anyway() {
    let w = world();
    w.service.create_company(&w.owner, company("Acme", Some("acme.com")), false).await.expect("acme");

    let twin = w.service.create_company(&w.owner, company("Acme", Some("acme.com")), true).await;

    assert!(twin.is_ok(), "{twin:?}");
    let (companies, _) = w
        .service
        .list_companies(&w.owner, CompanyFilter::default(), ListSort::default(), None, Limit::DEFAULT)
        .await
        .expect("list");
    assert_eq!(companies.len(), 2);
}

#[tokio::test]
async fn another_workspaces_company_is_no_duplicate() {
    let w = world();
    w.service.create_company(&elsewhere(), company("Acme", Some("acme.com")), false).await.expect("there");

    let here = w.service.create_company(&w.owner, company("Acme", Some("acme.com")), false).await;

    assert!(here.is_ok(), "{here:?}");
}

#[tokio::test]
async fn a_contact_links_only_a_company_of_its_workspace() {
    let w = world();
    let theirs = w.service.create_company(&elsewhere(), company("Globex", None), false).await.expect("theirs");

    let input = ContactInput { company_id: Patch::Set(theirs.id), ..person("Ada", "ada@engines.test") };
    let result = w.service.create_contact(&w.owner, input).await;

    assert!(matches!(result, Err(ContactError::CompanyNotFound)), "{result:?}");
}

#[tokio::test]
async fn a_contact_shows_its_companys_name() {
    let w = world();
    let ours = w.service.create_company(&w.owner, company("Globex", None), false).await.expect("ours");

    let input = ContactInput { company_id: Patch::Set(ours.id), ..person("Ada", "ada@engines.test") };
    let ada = w.service.create_contact(&w.owner, input).await.expect("ada");

    assert_eq!(ada.company, Some((ours.id, "Globex".to_owned())));
    assert_eq!(w.service.contact_count(&w.owner, ours.id).await.expect("count"), 1);
}

#[tokio::test]
async fn viewers_cannot_write_contacts_or_companies_but_can_read_them() {
    let w = world();
    let viewer = as_role(&w.owner, Role::Viewer);
    let ada = w.service.create_contact(&w.owner, person("Ada", "ada@engines.test")).await.expect("ada");

    let contact = w.service.create_contact(&viewer, person("Bob", "bob@engines.test")).await;
    let firm = w.service.create_company(&viewer, company("Acme", None), false).await;
    let change = w.service.update_contact(&viewer, ada.contact.id, ContactInput::default()).await;

    assert!(matches!(contact, Err(ContactError::Forbidden(_))), "{contact:?}");
    assert!(matches!(firm, Err(ContactError::Forbidden(_))), "{firm:?}");
    assert!(matches!(change, Err(ContactError::Forbidden(_))), "{change:?}");
    assert_eq!(w.service.contact(&viewer, ada.contact.id).await.expect("read").contact.name, "Ada");
    assert_eq!(w.store.audit().len(), 1, "only the owner's write was recorded");
}

#[tokio::test]
async fn another_workspaces_contact_is_not_found() {
    let w = world();
    let theirs = w.service.create_contact(&elsewhere(), person("Eve", "eve@else.test")).await.expect("theirs");

    let read = w.service.contact(&w.owner, theirs.contact.id).await;
    let write = w.service.update_contact(&w.owner, theirs.contact.id, person("Mallory", "m@else.test")).await;
    let (listed, _) = w
        .service
        .list_contacts(&w.owner, ContactFilter::default(), ListSort::default(), None, Limit::DEFAULT)
        .await
        .expect("list");

    assert!(matches!(read, Err(ContactError::NotFound(Resource::Contact))), "{read:?}");
    assert!(matches!(write, Err(ContactError::NotFound(Resource::Contact))), "{write:?}");
    assert!(listed.is_empty());
}

#[tokio::test]
async fn a_contacts_owner_must_be_a_member_of_the_workspace() {
    let w = world();
    let member = UserId::new();
    w.store.add_member(w.owner.workspace(), member);
    let stranger = UserId::new();
    w.store.add_member(WorkspaceId::new(), stranger);

    let owned = ContactInput { owner_id: Patch::Set(member), ..person("Ada", "ada@engines.test") };
    let foreign = ContactInput { owner_id: Patch::Set(stranger), ..person("Bob", "bob@engines.test") };

    assert!(w.service.create_contact(&w.owner, owned).await.is_ok());
    let result = w.service.create_contact(&w.owner, foreign).await;
    assert!(matches!(result, Err(ContactError::OwnerNotFound)), "{result:?}");
}
