//! Catalog rules against the in-memory fake.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::collections::BTreeSet;
use std::sync::Arc;

use crm_catalog::fakes::InMemoryCatalog;
use crm_catalog::{
    CatalogError, CatalogService, Category, ComponentInput, NewProduct, Patch, ProductChanges, ProductFilter,
    ProductKind, ProductSnapshot, ProductStatus, Reassign,
};
use crm_kernel::{
    Actor, ApiTokenId, CategoryId, Currency, FieldError, FixedClock, Limit, ProductId, Resource, Role, Scope,
    TokenScope, UserId, WorkspaceId,
};
use time::macros::datetime;

struct World {
    service: CatalogService,
    store: Arc<InMemoryCatalog>,
    owner: Scope,
}

fn eur() -> Currency {
    Currency::parse("EUR").unwrap()
}

fn world() -> World {
    let store = Arc::new(InMemoryCatalog::new(eur()));
    let clock = FixedClock::at(datetime!(2026-12-01 10:00 UTC));
    let service = CatalogService::new(store.clone(), Arc::new(clock));
    let owner = Scope::for_test(WorkspaceId::new(), Actor::User { id: UserId::new(), role: Role::Owner });
    World { service, store, owner }
}

fn as_role(scope: &Scope, role: Role) -> Scope {
    Scope::for_test(scope.workspace(), Actor::User { id: UserId::new(), role })
}

fn token(scope: &Scope, scopes: &[TokenScope]) -> Scope {
    Scope::for_test(
        scope.workspace(),
        Actor::Token { id: ApiTokenId::new(), scopes: scopes.iter().copied().collect::<BTreeSet<_>>() },
    )
}

fn simple(name: &str, sku: &str, price: &str) -> NewProduct {
    NewProduct { name: name.into(), sku: sku.into(), price: price.into(), ..NewProduct::default() }
}

fn tracked(name: &str, sku: &str, stock: i64) -> NewProduct {
    NewProduct { stock: Some(stock), track_inventory: true, ..simple(name, sku, "10.00") }
}

fn bundle(name: &str, sku: &str, parts: &[(ProductId, i64)]) -> NewProduct {
    NewProduct {
        kind: Some(ProductKind::Bundle),
        components: parts.iter().map(|&(product_id, quantity)| ComponentInput { product_id, quantity }).collect(),
        ..simple(name, sku, "25.00")
    }
}

async fn create(w: &World, input: NewProduct) -> ProductSnapshot {
    w.service.create_product(&w.owner, input).await.expect("product")
}

fn invalid_fields(result: Result<impl std::fmt::Debug, CatalogError>) -> Vec<FieldError> {
    match result {
        Err(CatalogError::Invalid(errors)) => errors,
        other => panic!("expected invalid input, got {other:?}"),
    }
}

fn fields(errors: &[FieldError]) -> Vec<(&'static str, &'static str)> {
    errors.iter().map(|e| (e.field, e.code)).collect()
}

// ---- products, SKUs and money

#[tokio::test]
async fn a_new_product_is_a_draft_in_the_workspace_currency_and_is_audited() {
    let w = world();
    let p = create(&w, simple("Mug", " MUG-1 ", "12.5")).await;
    assert_eq!(p.product.status, ProductStatus::Draft);
    assert_eq!(p.product.kind, ProductKind::Simple);
    assert_eq!(p.product.currency(), eur());
    assert_eq!(p.product.price.to_string(), "12.50");
    assert_eq!(p.product.sku.as_str(), "MUG-1", "the SKU is trimmed");
    let audit = w.store.audit(w.owner.workspace());
    assert_eq!(
        audit.iter().map(|a| (a.action.as_str(), a.entity_type)).collect::<Vec<_>>(),
        [("product.created", "product")]
    );
}

#[tokio::test]
async fn new_products_take_the_workspace_currency_as_it_is_now() {
    let w = world();
    let before = create(&w, simple("Mug", "MUG-1", "12")).await;
    w.store.set_currency(w.owner.workspace(), Currency::parse("JPY").unwrap());
    let after = create(&w, simple("Bowl", "BOWL-1", "1200")).await;
    assert_eq!(before.product.currency().code(), "EUR", "existing products keep their currency");
    assert_eq!(after.product.currency().code(), "JPY");
}

#[tokio::test]
async fn jpy_prices_have_no_decimals() {
    let w = world();
    let input = NewProduct { currency: Some("JPY".into()), ..simple("Tea", "TEA-1", "1200.5") };
    let errors = invalid_fields(w.service.create_product(&w.owner, input).await);
    assert_eq!(fields(&errors), [("price", "too_many_decimals")]);
    let ok = create(&w, NewProduct { currency: Some("JPY".into()), ..simple("Tea", "TEA-1", "1200") }).await;
    assert_eq!(ok.product.price.minor(), 1200);
}

#[tokio::test]
async fn kwd_prices_keep_three_decimals_exactly() {
    let w = world();
    let p = create(&w, NewProduct { currency: Some("KWD".into()), ..simple("Dates", "DATE-1", "1.005") }).await;
    assert_eq!(p.product.price.minor(), 1005);
    assert_eq!(p.product.price.to_string(), "1.005");
    let errors = invalid_fields(
        w.service
            .create_product(&w.owner, NewProduct { currency: Some("KWD".into()), ..simple("Figs", "FIG-1", "1.0005") })
            .await,
    );
    assert_eq!(fields(&errors), [("price", "too_many_decimals")]);
}

#[tokio::test]
async fn compare_at_price_must_be_above_the_price() {
    let w = world();
    for compare in ["10.00", "9.99"] {
        let input = NewProduct { compare_at_price: Some(compare.into()), ..simple("Mug", "MUG-1", "10") };
        let errors = invalid_fields(w.service.create_product(&w.owner, input).await);
        assert_eq!(fields(&errors), [("compareAtPrice", "not_above_price")], "{compare}");
    }
    let ok = create(&w, NewProduct { compare_at_price: Some("10.01".into()), ..simple("Mug", "MUG-1", "10") }).await;
    assert_eq!(ok.product.compare_at_price.map(|m| m.minor()), Some(1001));
}

#[tokio::test]
async fn bad_prices_name_every_field_and_write_nothing() {
    let w = world();
    let input = NewProduct {
        name: " ".into(),
        compare_at_price: Some("-5".into()),
        cost_price: Some("1.234".into()),
        ..simple("", "", "-1")
    };
    let errors = invalid_fields(w.service.create_product(&w.owner, input).await);
    assert_eq!(
        fields(&errors),
        [
            ("name", "required"),
            ("sku", "required"),
            ("price", "invalid_amount"),
            ("compareAtPrice", "invalid_amount"),
            ("costPrice", "too_many_decimals"),
        ]
    );
    assert!(w.store.audit(w.owner.workspace()).is_empty());
}

#[tokio::test]
async fn an_unknown_currency_is_refused_on_its_field() {
    let w = world();
    let input = NewProduct { currency: Some("EURO".into()), ..simple("Mug", "MUG-1", "1") };
    assert_eq!(
        fields(&invalid_fields(w.service.create_product(&w.owner, input).await)),
        [("currency", "invalid_currency")]
    );
}

#[tokio::test]
async fn sku_taken_names_the_holder() {
    let w = world();
    let first = create(&w, simple("Mug", "MUG-1", "10")).await;
    match w.service.create_product(&w.owner, simple("Other mug", "  mug-1", "11")).await {
        Err(CatalogError::SkuTaken { holder }) => assert_eq!(holder, first.product.id),
        other => panic!("expected SkuTaken, got {other:?}"),
    }
    let second = create(&w, simple("Bowl", "BOWL-1", "10")).await;
    let renamed = w
        .service
        .update_product(
            &w.owner,
            second.product.id,
            ProductChanges { sku: Some("Mug-1".into()), ..ProductChanges::default() },
        )
        .await;
    assert!(matches!(renamed, Err(CatalogError::SkuTaken { holder }) if holder == first.product.id));
}

#[tokio::test]
async fn the_same_sku_may_exist_in_another_workspace() {
    let w = world();
    create(&w, simple("Mug", "MUG-1", "10")).await;
    let elsewhere = Scope::for_test(WorkspaceId::new(), Actor::User { id: UserId::new(), role: Role::Owner });
    assert!(w.service.create_product(&elsewhere, simple("Mug", "MUG-1", "10")).await.is_ok());
}

#[tokio::test]
async fn a_product_is_found_by_sku_in_any_case() {
    let w = world();
    let p = create(&w, simple("Mug", "MUG-1", "10")).await;
    let found = w.service.get_product_by_sku(&w.owner, " mug-1 ").await.expect("by sku");
    assert_eq!(found.product.id, p.product.id);
}

#[tokio::test]
async fn updating_prices_keeps_the_compare_at_rule_and_the_product_currency() {
    let w = world();
    let p = create(&w, NewProduct { compare_at_price: Some("20".into()), ..simple("Mug", "MUG-1", "10") }).await;
    let raise = ProductChanges { price: Some("20".into()), ..ProductChanges::default() };
    let errors = invalid_fields(w.service.update_product(&w.owner, p.product.id, raise).await);
    assert_eq!(fields(&errors), [("compareAtPrice", "not_above_price")]);
    let cleared =
        ProductChanges { price: Some("20".into()), compare_at_price: Patch::Clear, ..ProductChanges::default() };
    let updated = w.service.update_product(&w.owner, p.product.id, cleared).await.expect("update");
    assert_eq!((updated.product.price.minor(), updated.product.compare_at_price), (2000, None));
    assert_eq!(w.store.audit(w.owner.workspace()).last().map(|a| a.action.clone()), Some("product.updated".into()));
}

// ---- bundles

#[tokio::test]
async fn a_bundle_cannot_contain_a_bundle_or_itself() {
    let w = world();
    let mug = create(&w, simple("Mug", "MUG-1", "10")).await.product.id;
    let set = create(&w, bundle("Set", "SET-1", &[(mug, 2)])).await.product.id;
    let nested = w.service.create_product(&w.owner, bundle("Big set", "SET-2", &[(set, 1)])).await;
    assert_eq!(fields(&invalid_fields(nested)), [("components", "bundle_in_bundle")]);
    let itself = ProductChanges {
        components: Some(vec![ComponentInput { product_id: set, quantity: 1 }]),
        ..ProductChanges::default()
    };
    assert_eq!(
        fields(&invalid_fields(w.service.update_product(&w.owner, set, itself).await)),
        [("components", "self")]
    );
}

#[tokio::test]
async fn bundle_components_need_a_quantity_of_at_least_one() {
    let w = world();
    let mug = create(&w, simple("Mug", "MUG-1", "10")).await.product.id;
    let zero = w.service.create_product(&w.owner, bundle("Set", "SET-1", &[(mug, 0)])).await;
    assert_eq!(fields(&invalid_fields(zero)), [("components", "quantity")]);
    let empty = w.service.create_product(&w.owner, bundle("Set", "SET-1", &[])).await;
    assert_eq!(fields(&invalid_fields(empty)), [("components", "required")]);
}

#[tokio::test]
async fn a_bundle_cannot_hold_another_workspaces_product() {
    let w = world();
    let elsewhere = Scope::for_test(WorkspaceId::new(), Actor::User { id: UserId::new(), role: Role::Owner });
    let foreign = w.service.create_product(&elsewhere, simple("Mug", "MUG-1", "10")).await.expect("foreign").product.id;
    let result = w.service.create_product(&w.owner, bundle("Set", "SET-1", &[(foreign, 1)])).await;
    assert_eq!(fields(&invalid_fields(result)), [("components", "unknown_component")]);
}

#[tokio::test]
async fn bundle_stock_is_the_scarcest_component() {
    let w = world();
    let mug = create(&w, tracked("Mug", "MUG-1", 7)).await.product.id;
    let saucer = create(&w, tracked("Saucer", "SAU-1", 5)).await.product.id;
    let spoon = create(&w, simple("Spoon", "SPOON-1", "1")).await.product.id;
    let set = create(&w, bundle("Set", "SET-1", &[(mug, 2), (saucer, 1), (spoon, 4)])).await;
    assert_eq!(set.available, Some(3), "⌊7/2⌋ = 3 mugs' worth; saucers allow 5; spoons are untracked");
    w.store.set_stock(saucer, 2);
    assert_eq!(w.service.get_product(&w.owner, set.product.id).await.expect("get").available, Some(2));
}

#[tokio::test]
async fn a_bundle_of_untracked_components_is_unlimited() {
    let w = world();
    let spoon = create(&w, simple("Spoon", "SPOON-1", "1")).await.product.id;
    let set = create(&w, bundle("Spoons", "SET-1", &[(spoon, 6)])).await;
    assert_eq!(set.available, None);
}

#[tokio::test]
async fn a_bundles_own_stock_is_derived_not_entered() {
    let w = world();
    let mug = create(&w, simple("Mug", "MUG-1", "10")).await.product.id;
    let input = NewProduct { stock: Some(4), ..bundle("Set", "SET-1", &[(mug, 1)]) };
    assert_eq!(fields(&invalid_fields(w.service.create_product(&w.owner, input).await)), [("stock", "derived")]);
}

#[tokio::test]
async fn archiving_a_bundle_component_is_refused_with_the_bundles() {
    let w = world();
    let mug = create(&w, simple("Mug", "MUG-1", "10")).await.product.id;
    let set = create(&w, bundle("Breakfast set", "SET-1", &[(mug, 2)])).await.product.id;
    let old = create(&w, bundle("Old set", "SET-2", &[(mug, 1)])).await.product.id;
    w.service.set_product_status(&w.owner, old, ProductStatus::Archived).await.expect("archive the old set");
    match w.service.set_product_status(&w.owner, mug, ProductStatus::Archived).await {
        Err(CatalogError::InBundle { bundles }) => {
            assert_eq!(bundles.iter().map(|b| (b.id, b.name.as_str())).collect::<Vec<_>>(), [(set, "Breakfast set")]);
        }
        other => panic!("expected InBundle, got {other:?}"),
    }
    w.service.set_product_status(&w.owner, set, ProductStatus::Archived).await.expect("archive the set");
    let archived = w.service.set_product_status(&w.owner, mug, ProductStatus::Archived).await.expect("archive");
    assert_eq!(archived.product.status, ProductStatus::Archived);
    assert_eq!(w.store.audit(w.owner.workspace()).iter().filter(|a| a.action == "product.archived").count(), 3);
}

// ---- categories

async fn category(w: &World, name: &str, parent: Option<CategoryId>) -> Category {
    w.service.create_category(&w.owner, name, parent).await.expect("category")
}

#[tokio::test]
async fn a_category_stores_its_ancestor_path() {
    let w = world();
    let kitchen = category(&w, "Kitchen", None).await;
    let cups = category(&w, "Cups", Some(kitchen.id)).await;
    let espresso = category(&w, "Espresso", Some(cups.id)).await;
    assert_eq!(espresso.path, [kitchen.id, cups.id]);
    assert_eq!(espresso.depth(), 3);
}

#[tokio::test]
async fn a_category_cannot_move_under_its_own_descendant() {
    let w = world();
    let kitchen = category(&w, "Kitchen", None).await;
    let cups = category(&w, "Cups", Some(kitchen.id)).await;
    for target in [cups.id, kitchen.id] {
        let result = w.service.move_category(&w.owner, kitchen.id, Some(target)).await;
        assert_eq!(fields(&invalid_fields(result)), [("parentId", "cycle")]);
    }
}

#[tokio::test]
async fn moving_a_category_rewrites_the_paths_of_its_subtree() {
    let w = world();
    let kitchen = category(&w, "Kitchen", None).await;
    let dining = category(&w, "Dining", None).await;
    let cups = category(&w, "Cups", Some(kitchen.id)).await;
    let espresso = category(&w, "Espresso", Some(cups.id)).await;
    w.service.move_category(&w.owner, cups.id, Some(dining.id)).await.expect("move");
    let all = w.service.categories(&w.owner).await.expect("list");
    let path = |id| all.iter().find(|c| c.id == id).map(|c| c.path.clone()).expect("present");
    assert_eq!(path(cups.id), [dining.id]);
    assert_eq!(path(espresso.id), [dining.id, cups.id]);
}

#[tokio::test]
async fn categories_nest_at_most_five_deep() {
    let w = world();
    let mut parent = None;
    let mut chain = Vec::new();
    for depth in 1..=5 {
        let c = category(&w, &format!("Level {depth}"), parent).await;
        parent = Some(c.id);
        chain.push(c);
    }
    let sixth = w.service.create_category(&w.owner, "Level 6", parent).await;
    assert_eq!(fields(&invalid_fields(sixth)), [("parentId", "too_deep")]);
    // A two-level subtree cannot move under level 4 (it would reach 6).
    let other = category(&w, "Other", None).await;
    category(&w, "Other child", Some(other.id)).await;
    let result = w.service.move_category(&w.owner, other.id, Some(chain[3].id)).await;
    assert_eq!(fields(&invalid_fields(result)), [("parentId", "too_deep")]);
}

#[tokio::test]
async fn deleting_a_category_with_products_or_children_needs_somewhere_to_put_them() {
    let w = world();
    let kitchen = category(&w, "Kitchen", None).await;
    let cups = category(&w, "Cups", Some(kitchen.id)).await;
    category(&w, "Espresso", Some(cups.id)).await;
    let mug = create(&w, NewProduct { category_id: Some(cups.id), ..simple("Mug", "MUG-1", "10") }).await;
    match w.service.delete_category(&w.owner, cups.id, None).await {
        Err(CatalogError::CategoryNotEmpty { products, children }) => assert_eq!((products, children), (1, 1)),
        other => panic!("expected CategoryNotEmpty, got {other:?}"),
    }
    w.service.delete_category(&w.owner, cups.id, Some(Reassign::To(kitchen.id))).await.expect("delete");
    let moved = w.service.get_product(&w.owner, mug.product.id).await.expect("get");
    assert_eq!(moved.product.category_id, Some(kitchen.id));
    let all = w.service.categories(&w.owner).await.expect("list");
    assert_eq!(
        all.iter().map(|c| (c.name.as_str(), c.path.clone())).collect::<Vec<_>>(),
        [("Kitchen", vec![]), ("Espresso", vec![kitchen.id]),]
    );
}

#[tokio::test]
async fn a_deleted_categorys_content_cannot_go_into_its_own_subtree() {
    let w = world();
    let kitchen = category(&w, "Kitchen", None).await;
    let cups = category(&w, "Cups", Some(kitchen.id)).await;
    let result = w.service.delete_category(&w.owner, kitchen.id, Some(Reassign::To(cups.id))).await;
    assert_eq!(fields(&invalid_fields(result)), [("reassignTo", "cycle")]);
}

#[tokio::test]
async fn filtering_by_category_includes_its_subtree() {
    let w = world();
    let kitchen = category(&w, "Kitchen", None).await;
    let cups = category(&w, "Cups", Some(kitchen.id)).await;
    let garden = category(&w, "Garden", None).await;
    let mug = create(&w, NewProduct { category_id: Some(cups.id), ..simple("Mug", "MUG-1", "10") }).await;
    create(&w, NewProduct { category_id: Some(garden.id), ..simple("Hose", "HOSE-1", "10") }).await;
    let filter = ProductFilter { category_id: Some(kitchen.id), ..ProductFilter::default() };
    let (page, _) = w.service.list_products(&w.owner, filter, None, Limit::default()).await.expect("list");
    assert_eq!(page.iter().map(|p| p.product.id).collect::<Vec<_>>(), [mug.product.id]);
}

// ---- brands

#[tokio::test]
async fn brand_names_are_unique_in_any_case() {
    let w = world();
    let acme = w.service.create_brand(&w.owner, "Acme").await.expect("brand");
    match w.service.create_brand(&w.owner, " ACME ").await {
        Err(CatalogError::BrandNameTaken { holder }) => assert_eq!(holder, acme.id),
        other => panic!("expected BrandNameTaken, got {other:?}"),
    }
}

#[tokio::test]
async fn a_brand_in_use_is_archived_not_deleted() {
    let w = world();
    let acme = w.service.create_brand(&w.owner, "Acme").await.expect("brand");
    create(&w, NewProduct { brand_id: Some(acme.id), ..simple("Mug", "MUG-1", "10") }).await;
    assert!(matches!(w.service.delete_brand(&w.owner, acme.id).await, Err(CatalogError::BrandInUse { count: 1 })));
    let archived = w.service.set_brand_archived(&w.owner, acme.id, true).await.expect("archive");
    assert!(archived.archived);
    let unused = w.service.create_brand(&w.owner, "Unused").await.expect("brand");
    w.service.delete_brand(&w.owner, unused.id).await.expect("delete");
    assert_eq!(w.service.brands(&w.owner).await.expect("list").len(), 1);
}

#[tokio::test]
async fn an_archived_brand_is_not_given_to_new_products() {
    let w = world();
    let acme = w.service.create_brand(&w.owner, "Acme").await.expect("brand");
    w.service.set_brand_archived(&w.owner, acme.id, true).await.expect("archive");
    let result =
        w.service.create_product(&w.owner, NewProduct { brand_id: Some(acme.id), ..simple("Mug", "MUG-1", "1") }).await;
    assert_eq!(fields(&invalid_fields(result)), [("brandId", "archived")]);
}

// ---- tenancy and roles

#[tokio::test]
async fn another_workspaces_products_are_invisible() {
    let w = world();
    let mug = create(&w, simple("Mug", "MUG-1", "10")).await;
    let elsewhere = Scope::for_test(WorkspaceId::new(), Actor::User { id: UserId::new(), role: Role::Owner });
    assert!(matches!(
        w.service.get_product(&elsewhere, mug.product.id).await,
        Err(CatalogError::NotFound(Resource::Product))
    ));
    assert!(matches!(
        w.service.get_product_by_sku(&elsewhere, "MUG-1").await,
        Err(CatalogError::NotFound(Resource::Product))
    ));
    let (page, _) =
        w.service.list_products(&elsewhere, ProductFilter::default(), None, Limit::default()).await.expect("list");
    assert!(page.is_empty());
    let archive = w.service.set_product_status(&elsewhere, mug.product.id, ProductStatus::Archived).await;
    assert!(matches!(archive, Err(CatalogError::NotFound(Resource::Product))));
}

#[tokio::test]
async fn viewers_read_but_never_write() {
    let w = world();
    let mug = create(&w, simple("Mug", "MUG-1", "10")).await;
    let viewer = as_role(&w.owner, Role::Viewer);
    assert!(w.service.get_product(&viewer, mug.product.id).await.is_ok());
    assert!(w.service.categories(&viewer).await.is_ok());
    assert!(matches!(
        w.service.create_product(&viewer, simple("Bowl", "BOWL-1", "1")).await,
        Err(CatalogError::Forbidden(_))
    ));
    assert!(matches!(
        w.service.set_product_status(&viewer, mug.product.id, ProductStatus::Active).await,
        Err(CatalogError::Forbidden(_))
    ));
    assert!(matches!(w.service.create_category(&viewer, "Kitchen", None).await, Err(CatalogError::Forbidden(_))));
    assert!(matches!(w.service.create_brand(&viewer, "Acme").await, Err(CatalogError::Forbidden(_))));
    assert_eq!(w.store.audit(w.owner.workspace()).len(), 1, "only the owner's create");
}

#[tokio::test]
async fn managers_write_the_catalog() {
    let w = world();
    let manager = as_role(&w.owner, Role::Manager);
    assert!(w.service.create_product(&manager, simple("Bowl", "BOWL-1", "1")).await.is_ok());
    assert!(w.service.create_category(&manager, "Kitchen", None).await.is_ok());
    assert!(w.service.create_brand(&manager, "Acme").await.is_ok());
}

#[tokio::test]
async fn a_products_read_token_sees_active_products_without_cost() {
    let w = world();
    let active = NewProduct {
        status: Some(ProductStatus::Active),
        cost_price: Some("4.00".into()),
        ..simple("Mug", "MUG-1", "10")
    };
    let mug = create(&w, active).await;
    let draft = create(&w, simple("Bowl", "BOWL-1", "10")).await;
    let storefront = token(&w.owner, &[TokenScope::ProductsRead]);
    let seen = w.service.get_product(&storefront, mug.product.id).await.expect("active product");
    assert_eq!(seen.product.cost_price, None, "the cost price is internal");
    assert!(matches!(
        w.service.get_product(&storefront, draft.product.id).await,
        Err(CatalogError::NotFound(Resource::Product))
    ));
    let (page, _) =
        w.service.list_products(&storefront, ProductFilter::default(), None, Limit::default()).await.expect("list");
    assert_eq!(page.iter().map(|p| p.product.id).collect::<Vec<_>>(), [mug.product.id]);
    let other_token = token(&w.owner, &[TokenScope::LeadsRead]);
    assert!(matches!(w.service.get_product(&other_token, mug.product.id).await, Err(CatalogError::Forbidden(_))));
    assert!(matches!(
        w.service.create_product(&storefront, simple("Cup", "CUP-1", "1")).await,
        Err(CatalogError::Forbidden(_))
    ));
}

#[tokio::test]
async fn search_matches_name_and_sku() {
    let w = world();
    let mug = create(&w, simple("Blue mug", "CUP-7", "10")).await;
    create(&w, simple("Bowl", "BWL-1", "10")).await;
    for q in [" MUG ", "cup-7"] {
        let filter = ProductFilter { q: Some(q.into()), ..ProductFilter::default() };
        let (page, _) = w.service.list_products(&w.owner, filter, None, Limit::default()).await.expect("list");
        assert_eq!(page.iter().map(|p| p.product.id).collect::<Vec<_>>(), [mug.product.id], "{q}");
    }
}
