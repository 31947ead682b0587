//! Small builders the migrations share.

use sea_orm_migration::prelude::*;

/// An index on `cols` of `table`.
pub fn index(table: &str, name: &str, cols: &[&str], unique: bool) -> IndexCreateStatement {
    let mut idx = Index::create();
    idx.name(name).table(Alias::new(table));
    for c in cols {
        idx.col(Alias::new(*c));
    }
    if unique {
        idx.unique();
    }
    idx.to_owned()
}

/// `table.workspace_id` references `workspaces.id`, deleted with it.
pub fn workspace_fk(table: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from_tbl(Alias::new(table))
        .from_col(Alias::new("workspace_id"))
        .to_tbl(Alias::new("workspaces"))
        .to_col(Alias::new("id"))
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}
