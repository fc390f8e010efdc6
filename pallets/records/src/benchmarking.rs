//! Benchmarks for the records pallet, each at its worst case. The co-signature benchmarks verify
//! a real signature made by the runtime's [`BenchmarkHelper`] (sr25519 in the MedChain runtime).

use super::*;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

/// A CIDv1 (raw codec) with a SHA2-256 multihash of `fill` bytes.
fn cid(fill: u8) -> Vec<u8> {
	let mut bytes: Vec<u8> = vec![0x01, 0x55, 0x12, 0x20];
	bytes.extend_from_slice(&[fill; 32]);
	bytes
}

/// A wrapped key of the longest accepted length.
fn key<T: Config>(fill: u8) -> Vec<u8> {
	vec![fill; T::MaxWrappedKeyLength::get() as usize]
}

/// Every category a grant can list: `0..MaxCategories`.
fn all_categories<T: Config>() -> Vec<Category> {
	(0..T::MaxCategories::get() as Category).collect()
}

fn full_scope<T: Config>() -> ScopeOf<T> {
	Scope::Categories(all_categories::<T>().try_into().expect("MaxCategories entries"))
}

/// The category records are written in: the last one of a full scope.
fn last_category<T: Config>() -> Category {
	(T::MaxCategories::get() - 1) as Category
}

fn signed<T: Config>(who: &T::AccountId) -> OriginFor<T> {
	RawOrigin::Signed(who.clone()).into()
}

fn with_role<T: Config>(who: T::AccountId, role: Role) -> T::AccountId {
	T::Roles::benchmark_grant(&who, role);
	who
}

/// `patient`'s first scope keys for `categories`.
fn create_scopes<T: Config>(patient: &T::AccountId, categories: &[Category]) {
	for category in categories {
		let keys = vec![(patient.clone(), key::<T>(1))].try_into().expect("one holder");
		Pallet::<T>::rotate_scope_key(signed::<T>(patient), *category, None, keys)
			.expect("first scope key");
	}
}

/// `patient` consents to `grantee` for every category, handing over the keys of `keys`.
fn consent<T: Config>(patient: &T::AccountId, grantee: &T::AccountId, keys: &[Category]) {
	let keys = keys.iter().map(|c| (*c, key::<T>(2))).collect::<Vec<_>>();
	Pallet::<T>::grant_consent(
		signed::<T>(patient),
		grantee.clone(),
		full_scope::<T>(),
		None,
		keys.try_into().expect("at most MaxCategories keys"),
	)
	.expect("consent");
}

/// A patient, a consented doctor holding the key of the last category together with as many
/// other holders as allowed (every write checks each holder's grant), and a record there with a
/// full history and as many shares as allowed.
struct World<T: Config> {
	patient: T::AccountId,
	doctor: T::AccountId,
	record: RecordId,
}

impl<T: Config> World<T> {
	fn new(patient: T::AccountId) -> Self {
		frame_system::Pallet::<T>::set_block_number(1u32.into());
		let patient = with_role::<T>(patient, Role::Patient);
		let doctor = with_role::<T>(account("doctor", 0, 0), Role::Doctor);
		let category = last_category::<T>();
		create_scopes::<T>(&patient, &[category]);
		consent::<T>(&patient, &doctor, &[category]);
		for i in 2..T::MaxKeyHolders::get() {
			let holder = with_role::<T>(account("holder", i, 0), Role::Doctor);
			consent::<T>(&patient, &holder, &[category]);
		}
		let record = NextRecordId::<T>::get();
		Pallet::<T>::add_record(signed::<T>(&doctor), patient.clone(), cid(0), category)
			.expect("record");
		Self { patient, doctor, record }
	}

	/// Fill the record's history (the next update prunes its oldest entry) and its shares.
	fn fill(self) -> Self {
		let max = T::MaxHistory::get();
		let history = (0..max)
			.map(|v| HistoryEntry {
				cid: cid(100 + v as u8).try_into().expect("valid CID"),
				version: v + 1,
				replaced: 1u32.into(),
			})
			.collect::<Vec<_>>();
		History::<T>::insert(self.record, HistoryOf::<T>::truncate_from(history));
		Records::<T>::mutate(&self.patient, self.record, |r| {
			r.as_mut().expect("record exists").version = max + 1
		});
		for i in 0..T::MaxShares::get() {
			let grantee = with_role::<T>(account("grantee", i, 0), Role::Doctor);
			Pallet::<T>::share_record(
				signed::<T>(&self.patient),
				self.record,
				grantee,
				key::<T>(3),
				None,
			)
			.expect("share");
		}
		self
	}

	/// `by` proposes `change`, approvable until block `expires`.
	fn propose(&self, by: &T::AccountId, change: RecordChange<Vec<u8>>, expires: u32) {
		Pallet::<T>::propose_change(
			signed::<T>(by),
			self.patient.clone(),
			self.record,
			change,
			expires.into(),
		)
		.expect("proposal");
	}

	fn payload(&self, change: RecordChange<Vec<u8>>) -> CosignPayloadOf<T> {
		CosignPayload {
			genesis_hash: frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero()),
			patient: self.patient.clone(),
			doctor: self.doctor.clone(),
			record: self.record,
			change,
			nonce: CosignNonces::<T>::get(&self.patient),
			expires: 1_000u32.into(),
		}
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `k` keys handed over, each making the grantee a new holder.
	#[benchmark]
	fn grant_consent(k: Linear<0, { T::MaxCategories::get() }>) {
		let patient = with_role::<T>(whitelisted_caller(), Role::Patient);
		let doctor = with_role::<T>(account("doctor", 0, 0), Role::Doctor);
		let categories = all_categories::<T>();
		create_scopes::<T>(&patient, &categories);
		let keys = categories[..k as usize].iter().map(|c| (*c, key::<T>(2))).collect::<Vec<_>>();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(patient.clone()),
			doctor.clone(),
			full_scope::<T>(),
			Some(1_000u32.into()),
			keys.try_into().expect("at most MaxCategories keys"),
		);

		assert_eq!(Consents::<T>::get(&patient, &doctor).unwrap().key_categories.len(), k as usize);
	}

	/// The grantee holds the keys of every category.
	#[benchmark]
	fn revoke_consent() {
		let patient = with_role::<T>(whitelisted_caller(), Role::Patient);
		let doctor = with_role::<T>(account("doctor", 0, 0), Role::Doctor);
		let categories = all_categories::<T>();
		create_scopes::<T>(&patient, &categories);
		consent::<T>(&patient, &doctor, &categories);

		#[extrinsic_call]
		_(RawOrigin::Signed(patient.clone()), doctor.clone());

		assert!(!Consents::<T>::contains_key(&patient, &doctor));
	}

	#[benchmark]
	fn add_record() {
		let world = World::<T>::new(account("patient", 0, 0));
		let id = NextRecordId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(world.doctor), world.patient.clone(), cid(7), last_category::<T>());

		assert!(Records::<T>::contains_key(&world.patient, id));
	}

	/// A rotation to the next epoch for `h` holders (the patient and `h - 1` grantees).
	#[benchmark]
	fn rotate_scope_key(h: Linear<1, { T::MaxKeyHolders::get() }>) {
		let patient = with_role::<T>(whitelisted_caller(), Role::Patient);
		let category = last_category::<T>();
		create_scopes::<T>(&patient, &[category]);
		let mut keys = vec![(patient.clone(), key::<T>(4))];
		for i in 1..h {
			let grantee = with_role::<T>(account("grantee", i, 0), Role::Doctor);
			consent::<T>(&patient, &grantee, &[category]);
			keys.push((grantee, key::<T>(4)));
		}

		#[extrinsic_call]
		_(
			RawOrigin::Signed(patient.clone()),
			category,
			Some(key::<T>(5)),
			keys.try_into().expect("at most MaxKeyHolders"),
		);

		assert_eq!(ScopeKeys::<T>::get(&patient, category).unwrap().epoch, 1);
	}

	#[benchmark]
	fn share_record() {
		let world = World::<T>::new(whitelisted_caller());
		let grantee = with_role::<T>(account("grantee", 0, 0), Role::Doctor);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(world.patient.clone()),
			world.record,
			grantee.clone(),
			key::<T>(6),
			Some(1_000u32.into()),
		);

		assert!(Shares::<T>::contains_key(world.record, &grantee));
	}

	#[benchmark]
	fn unshare_record() {
		let world = World::<T>::new(whitelisted_caller());
		let grantee = with_role::<T>(account("grantee", 0, 0), Role::Doctor);
		Pallet::<T>::share_record(
			signed::<T>(&world.patient),
			world.record,
			grantee.clone(),
			key::<T>(6),
			None,
		)
		.expect("share");

		#[extrinsic_call]
		_(RawOrigin::Signed(world.patient.clone()), world.record, grantee.clone());

		assert!(!Shares::<T>::contains_key(world.record, &grantee));
	}

	/// Real signature check; the history is full, so the oldest entry is pruned.
	#[benchmark]
	fn cosigned_update() {
		let world = World::<T>::new(T::BenchmarkHelper::signer()).fill();
		let payload = world.payload(RecordChange::Update { cid: cid(8) });
		let signature = T::BenchmarkHelper::sign(&world.patient, &payload.signing_bytes());

		#[extrinsic_call]
		cosigned_change(RawOrigin::Signed(world.doctor.clone()), payload, signature);

		assert_eq!(CosignNonces::<T>::get(&world.patient), 1);
	}

	/// Real signature check; a full history, every share and a pending proposal are removed.
	#[benchmark]
	fn cosigned_delete() {
		let world = World::<T>::new(T::BenchmarkHelper::signer()).fill();
		world.propose(&world.patient, RecordChange::Delete, 1_000);
		let payload = world.payload(RecordChange::Delete);
		let signature = T::BenchmarkHelper::sign(&world.patient, &payload.signing_bytes());

		#[extrinsic_call]
		cosigned_change(RawOrigin::Signed(world.doctor.clone()), payload, signature);

		let record = Records::<T>::get(&world.patient, world.record).unwrap();
		assert_eq!(record.status, RecordStatus::Deleted);
	}

	/// A doctor proposes an update (full writer checks), replacing an expired proposal.
	#[benchmark]
	fn propose_change() {
		let world = World::<T>::new(whitelisted_caller());
		world.propose(&world.patient, RecordChange::Delete, 1);
		frame_system::Pallet::<T>::set_block_number(2u32.into());

		#[extrinsic_call]
		_(
			RawOrigin::Signed(world.doctor.clone()),
			world.patient.clone(),
			world.record,
			RecordChange::Update { cid: cid(9) },
			1_000u32.into(),
		);

		assert_eq!(Proposals::<T>::get(world.record).unwrap().proposer, world.doctor);
	}

	/// The patient approves a doctor's update; the history is full.
	#[benchmark]
	fn approve_update() {
		let world = World::<T>::new(whitelisted_caller()).fill();
		let change = RecordChange::Update { cid: cid(10) };
		world.propose(&world.doctor, change.clone(), 1_000);

		#[extrinsic_call]
		approve_change(
			RawOrigin::Signed(world.patient.clone()),
			world.patient.clone(),
			world.record,
			change,
		);

		assert_eq!(Records::<T>::get(&world.patient, world.record).unwrap().cid.to_vec(), cid(10));
	}

	/// The patient approves a doctor's delete; full history and every share are removed.
	#[benchmark]
	fn approve_delete() {
		let world = World::<T>::new(whitelisted_caller()).fill();
		world.propose(&world.doctor, RecordChange::Delete, 1_000);

		#[extrinsic_call]
		approve_change(
			RawOrigin::Signed(world.patient.clone()),
			world.patient.clone(),
			world.record,
			RecordChange::Delete,
		);

		let record = Records::<T>::get(&world.patient, world.record).unwrap();
		assert_eq!(record.status, RecordStatus::Deleted);
	}

	#[benchmark]
	fn cancel_change() {
		let world = World::<T>::new(whitelisted_caller());
		world.propose(&world.doctor, RecordChange::Delete, 1_000);

		#[extrinsic_call]
		_(RawOrigin::Signed(world.patient.clone()), world.patient.clone(), world.record);

		assert!(!Proposals::<T>::contains_key(world.record));
	}

	/// The expired grantee holds the keys of every category.
	#[benchmark]
	fn prune_expired_grant() {
		let patient = with_role::<T>(account("patient", 0, 0), Role::Patient);
		let doctor = with_role::<T>(account("doctor", 0, 0), Role::Doctor);
		let categories = all_categories::<T>();
		create_scopes::<T>(&patient, &categories);
		let keys = categories.iter().map(|c| (*c, key::<T>(2))).collect::<Vec<_>>();
		frame_system::Pallet::<T>::set_block_number(1u32.into());
		Pallet::<T>::grant_consent(
			signed::<T>(&patient),
			doctor.clone(),
			full_scope::<T>(),
			Some(1u32.into()),
			keys.try_into().expect("at most MaxCategories keys"),
		)
		.expect("consent");
		frame_system::Pallet::<T>::set_block_number(2u32.into());
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), patient.clone(), doctor.clone());

		assert!(!Consents::<T>::contains_key(&patient, &doctor));
	}

	#[benchmark]
	fn invalidate_cosignatures() {
		let patient = with_role::<T>(whitelisted_caller(), Role::Patient);

		#[extrinsic_call]
		_(RawOrigin::Signed(patient.clone()));

		assert_eq!(CosignNonces::<T>::get(&patient), 1);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
