//! The example servers' error catalogs, pinned: renaming or removing a code,
//! or changing a status, fails here with a diff. After an intended change,
//! rerun with `API_ERROR_UPDATE_SNAPSHOTS=1` and commit the snapshots.

use api_error::catalog::assert_snapshot;

use crate::{clients, customers};

#[test]
fn clients_error_catalog() {
    assert_snapshot::<clients::ClientsError>("tests/snapshots/clients_errors.json");
}

#[test]
fn customers_error_catalog() {
    assert_snapshot::<customers::CustomersError>("tests/snapshots/customers_errors.json");
}
