//! Where each host sits on the stage, from the simulation's host table.
//! Pure geometry: the viewBox is 1000 x 600 and scales to its container.

use crate::model::host::HostKind;
use crate::model::Simulation;
use crate::model::HostId;

pub const BOX_W: f64 = 204.0;
pub const BOX_H: f64 = 86.0;
pub const DNS_W: f64 = 168.0;
pub const DNS_H: f64 = 60.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spot {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// The viewBox: 1000 x 600 on wide screens, taller and narrower on phones.
    pub width: f64,
    pub height: f64,
    pub spots: Vec<Spot>,
    /// For mail hosts with mailboxes: where the folder is drawn.
    pub folders: Vec<Option<Spot>>,
}

impl Layout {
    /// `tall` stacks the hosts for a phone held upright, so that text stays
    /// readable instead of shrinking a wide diagram to a third of its size.
    pub fn new(sim: &Simulation, tall: bool) -> Layout {
        if tall {
            return Layout::tall(sim);
        }
        let hosts = sim.hosts();
        let sender = sim.sender();
        let mut spots = vec![Spot { x: 0.0, y: 0.0, w: 0.0, h: 0.0 }; hosts.len()];
        let mut folders = vec![None; hosts.len()];
        let others: Vec<usize> =
            (0..hosts.len()).filter(|&i| hosts[i].kind == HostKind::Mail && i != sender as usize).collect();
        let resolvers: Vec<usize> = (0..hosts.len()).filter(|&i| hosts[i].kind == HostKind::Resolver).collect();
        let authorities: Vec<usize> = (0..hosts.len()).filter(|&i| hosts[i].kind == HostKind::Authority).collect();
        let finals: Vec<bool> = hosts.iter().map(|h| h.holds_mailboxes).collect();

        spots[sender as usize] = Spot { x: 118.0, y: 330.0, w: BOX_W, h: BOX_H };
        if finals.get(sender as usize).copied().unwrap_or(false) {
            folders[sender as usize] = Some(Spot { x: 118.0, y: 520.0, w: 180.0, h: 70.0 });
        }
        for (k, &r) in resolvers.iter().enumerate() {
            spots[r] = Spot { x: 318.0, y: 150.0 + 100.0 * k as f64, w: BOX_W, h: BOX_H };
        }
        // Authorities in up to two rows of three at the top right.
        for (k, &a) in authorities.iter().enumerate() {
            let (row, col) = (k / 3, k % 3);
            spots[a] = Spot { x: 558.0 + 178.0 * col as f64, y: 40.0 + 70.0 * row as f64, w: DNS_W, h: DNS_H };
        }
        let n = others.len().max(1) as f64;
        let (top, bottom) = (300.0, 540.0);
        for (k, &m) in others.iter().enumerate() {
            let y = if n <= 1.0 { 330.0 } else { top + (bottom - top) * k as f64 / (n - 1.0) };
            let h = if n > 3.0 { 64.0 } else { BOX_H };
            spots[m] = Spot { x: 570.0, y, w: BOX_W, h };
            if finals.get(m).copied().unwrap_or(false) {
                folders[m] = Some(Spot { x: 870.0, y, w: 180.0, h: h.min(70.0) });
            }
        }
        Layout { width: 1000.0, height: 600.0, spots, folders }
    }

    fn tall(sim: &Simulation) -> Layout {
        let hosts = sim.hosts();
        let sender = sim.sender() as usize;
        let finals: Vec<bool> = hosts.iter().map(|h| h.holds_mailboxes).collect();
        let mut spots = vec![Spot { x: 0.0, y: 0.0, w: 0.0, h: 0.0 }; hosts.len()];
        let mut folders = vec![None; hosts.len()];
        let (w, bw) = (520.0, 210.0);
        let authorities: Vec<usize> = (0..hosts.len()).filter(|&i| hosts[i].kind == HostKind::Authority).collect();
        for (k, &a) in authorities.iter().enumerate() {
            let (row, col) = (k / 3, k % 3);
            spots[a] = Spot { x: 90.0 + 170.0 * col as f64, y: 40.0 + 66.0 * row as f64, w: 164.0, h: 56.0 };
        }
        let top = 40.0 + 66.0 * (authorities.len().div_ceil(3).max(1) - 1) as f64 + 100.0;
        let resolvers: Vec<usize> = (0..hosts.len()).filter(|&i| hosts[i].kind == HostKind::Resolver).collect();
        for (k, &r) in resolvers.iter().enumerate() {
            spots[r] = Spot { x: 380.0, y: top + 20.0 + 96.0 * k as f64, w: bw, h: BOX_H };
        }
        spots[sender] = Spot { x: 130.0, y: top + 20.0, w: bw, h: 84.0 };
        if finals.get(sender).copied().unwrap_or(false) {
            folders[sender] = Some(Spot { x: 130.0, y: top + 130.0, w: 190.0, h: 64.0 });
        }
        let mut y = top + 250.0;
        for m in (0..hosts.len()).filter(|&i| hosts[i].kind == HostKind::Mail && i != sender) {
            spots[m] = Spot { x: 140.0, y, w: bw, h: 84.0 };
            if finals.get(m).copied().unwrap_or(false) {
                folders[m] = Some(Spot { x: 400.0, y, w: 190.0, h: 64.0 });
            }
            y += 120.0;
        }
        Layout { width: w, height: y - 40.0, spots, folders }
    }

    pub fn spot(&self, h: HostId) -> Spot {
        self.spots[h as usize]
    }
}
